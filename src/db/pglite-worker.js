// Runs PGlite in a worker thread so a long query never blocks the web server's event loop
// (PGlite is WebAssembly and runs synchronously on its thread). Plain JavaScript so it runs
// without a TypeScript loader. Protocol: see pglite-client.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const DATE = 1082;
const INT8 = 20;

const options = {
  parsers: { [DATE]: (v) => v, [INT8]: (v) => Number(v) },
  ...(workerData.dataDir ? { dataDir: workerData.dataDir } : {}),
  ...(workerData.snapshot ? { loadDataDir: new Blob([workerData.snapshot]) } : {}),
};

let db;
try {
  db = await PGlite.create(options);
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
}

parentPort.on('message', async (message) => {
  const { id, op } = message;
  try {
    if (op === 'query') {
      const result = await db.query(message.sql, message.params ?? []);
      parentPort.postMessage({ id, ok: true, rows: result.rows, affectedRows: result.affectedRows ?? 0 });
    } else if (op === 'copy') {
      // COPY ... FROM '/dev/blob': PGlite reads the rows from the blob (text format).
      const result = await db.query(message.sql, [], { blob: new Blob([message.text]) });
      parentPort.postMessage({ id, ok: true, affectedRows: result.affectedRows ?? 0 });
    } else if (op === 'exec') {
      await db.exec(message.sql);
      parentPort.postMessage({ id, ok: true });
    } else if (op === 'dump') {
      const blob = await db.dumpDataDir('gzip');
      parentPort.postMessage({ id, ok: true, bytes: new Uint8Array(await blob.arrayBuffer()) });
    } else if (op === 'close') {
      await db.close();
      parentPort.postMessage({ id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: { message: String(error?.message ?? error), code: error?.code, detail: error?.detail, position: error?.position },
    });
  }
});
