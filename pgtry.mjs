import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = await PGlite.create();
console.log('create', Date.now()-t); t=Date.now();
const r = await db.query("select 1::int8 as a, 2.5::numeric as b, '2024-01-02'::date as d, now() as n");
console.log(r.rows, typeof r.rows[0].a);
const dump = await db.dumpDataDir('gzip'); console.log('dump', Date.now()-t, dump.size); t=Date.now();
const db2 = await PGlite.create({ loadDataDir: dump });
console.log('load', Date.now()-t);
