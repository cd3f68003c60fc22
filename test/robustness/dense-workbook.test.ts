// Issue 12, defect 15: a dense workbook within the upload limits killed the server. A 30 MB casework .xlsx
// whose sheet is 500 MB of XML (about 25 million numeric cells), and an 11 MB return whose sheet is 190 MB
// (about 8.5 million cells), go through the real upload routes. Each must be refused with a clear message,
// the process must keep serving, nothing may be written, and the peak memory is printed. A third file needs
// more memory than the parse worker may use: that upload alone fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CASEWORK_LIMITS } from '../../src/casework/record-layouts.ts';
import { UPLOAD_LIMITS } from '../../src/modules/returns/index.ts';
import { postMultipart } from '../helpers/multipart.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { tableChecksums } from '../helpers/table-checksums.ts';
import { DATABASE_KINDS } from '../helpers/test-database.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';
import { denseWorkbook, sharedStringsWorkbook, type DenseWorkbook } from './dense-workbook-files.ts';

const MB = 1_048_576;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT = '/partnerships/essex/casework/import';
const RETURN = '/partnerships/essex/returns/dense-schools/2024-Q4/upload';
/** Excel serial days (1900 system): 1 January 2024, and 1 October 2024 (the period start of 2024 Q4). */
const JAN_2024 = 45_292;
const OCT_2024 = 45_566;

// Numbers every column of an EHC request accepts, so rows pass until the row limit: the worst case.
const CASEWORK_HEADINGS = ['Record ID', 'Person ID', 'Area', 'Age', 'Received date', 'Request outcome date', 'Assessment outcome date', 'Draft plan date', 'Final plan date'];
const caseworkCell = (row: number, column: number) => (column < 2 ? row : column === 2 ? 1 + (row % 4) : column === 3 ? row % 20 : JAN_2024 + column * 30 + (row % 7));
const returnCell = (row: number, column: number) => (column === 0 ? row : column === 1 ? OCT_2024 : column === 2 ? row % 10 : 10 + (row % 10));

let files: Promise<{ casework: DenseWorkbook; returns: DenseWorkbook }> | undefined;
/** Both files, made once for every database (about 20 s on two cores). */
function denseFiles() {
  files ??= (async () => ({
    casework: await denseWorkbook(CASEWORK_HEADINGS, caseworkCell, 500 * MB),
    returns: await denseWorkbook(['School', 'Period start', 'Numerator', 'Denominator'], returnCell, 190 * MB),
  }))();
  return files;
}

const peakOfProcess = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;

/** Runs `work`, sampling this process's resident memory every 20 ms (the parse worker is a thread of it). */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; before: number; peak: number; seconds: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, before, peak: Math.max(peak, process.memoryUsage.rss()), seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');

for (const kind of DATABASE_KINDS) {
  describe(`dense workbooks within the upload limits (${kind})`, () => {
    let t: TestApp;
    let analyst: Visitor;

    /**
     * Every table's checksum, sessions without last_seen_at: authenticating a request touches its session
     * (at most once a minute, sessions-service.ts) before the upload is read; that write is not the import's.
     */
    const state = async () => {
      const { sessions: _touched, ...tables } = await tableChecksums(t.database);
      const sessions = await t.database.db.selectFrom('sessions').select(['id_hash', 'person_id', 'membership_id', 'created_at', 'expires_at']).orderBy('id_hash').execute();
      return { ...tables, sessions: JSON.stringify(sessions) };
    };

    before(async () => {
      t = await createTestApp({ kind });
      await createPerson(t.container, { partnership: 'essex', email: 'analyst@dense.example', organisation: 'Essex County Council', role: 'analyst' });
      analyst = await new Visitor(t.app).signIn('analyst@dense.example');
      const returns = t.container.returns;
      const essex = (await returns.partnership('essex'))!.id;
      const { measureId, organisationId } = await returns.schedule(essex, 'advice-timeliness-by-provider');
      await returns.createSchedule(essex, { slug: 'dense-schools', measureId, organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'school', breakdownValues: [], deadlineDays: 20, firstPeriodStart: '2024-10-01' }, { label: 'dense test', personId: null, organisationId, reviewer: true });
    });
    after(() => t.close());

    const cases: { name: string; url: string; fields: Record<string, string>; file: 'casework' | 'returns'; limits: typeof UPLOAD_LIMITS | typeof CASEWORK_LIMITS }[] = [
      { name: 'a casework import of 500 MB of sheet XML', url: IMPORT, fields: { kind: 'ehc-requests', personColumn: '' }, file: 'casework', limits: CASEWORK_LIMITS },
      { name: 'a return upload of 190 MB of sheet XML', url: RETURN, fields: {}, file: 'returns', limits: UPLOAD_LIMITS },
    ];
    for (const { name, url, fields, file, limits } of cases) {
      it(`refuses ${name} at the row limit, keeps serving and writes nothing`, { timeout: 300_000 }, async () => {
        const workbook = (await denseFiles())[file];
        assert.ok(workbook.bytes.length < limits.maxFileBytes && workbook.sheetBytes < limits.maxUncompressedBytes, 'the file is within the limits');
        assert.ok(workbook.rows > limits.maxRows, 'the sheet has more rows than the limit');
        const before = await state();
        const processPeak = peakOfProcess();
        const upload = await measured(() => postMultipart(t.app, analyst, url, fields, { name: `dense-${file}.xlsx`, content: workbook.bytes, type: XLSX }));
        console.log(
          `${name} (${kind}): ${(workbook.bytes.length / MB).toFixed(1)} MB file, ${Math.round(workbook.sheetBytes / MB)} MB sheet, ` +
            `${workbook.cells.toLocaleString('en-GB')} cells; refused in ${upload.seconds.toFixed(1)} s; RSS ${Math.round(upload.before / MB)} MB before, ` +
            `peak ${Math.round(upload.peak / MB)} MB sampled, process peak ${Math.round(Math.max(processPeak, peakOfProcess()) / MB)} MB`,
        );
        assert.equal(upload.value.statusCode, 400);
        assert.match(text(upload.value.body), new RegExp(`The file has more than ${limits.maxRows}|more than ${limits.maxRows.toLocaleString('en-GB')} rows`));
        assert.ok(upload.peak - upload.before < 512 * MB, `the upload added ${Math.round((upload.peak - upload.before) / MB)} MB`);
        // still serving: a page, and the parser reads the next file
        assert.equal((await analyst.get(url)).statusCode, 200);
        const small = await postMultipart(t.app, analyst, url, fields, { name: 'small.csv', content: Buffer.from('Wrong heading\n1\n'), type: 'text/csv' });
        assert.equal(small.statusCode, 400);
        assert.match(text(small.body), /Wrong heading/);
        assert.deepEqual(await state(), before);
      });
    }

    it('fails a workbook that needs more memory than the parse worker has with a clear message, and keeps serving', { timeout: 300_000 }, async () => {
      // 300 MB of distinct shared strings, which a reader must keep to read the sheet: more than the worker's heap.
      const workbook = await sharedStringsWorkbook(CASEWORK_HEADINGS, 300 * MB);
      assert.ok(workbook.bytes.length < CASEWORK_LIMITS.maxFileBytes, 'the file is within the size limit');
      const before = await state();
      const upload = await measured(() => postMultipart(t.app, analyst, IMPORT, { kind: 'ehc-requests', personColumn: '' }, { name: 'strings.xlsx', content: workbook.bytes, type: XLSX }));
      console.log(
        `a casework import with ${workbook.strings.toLocaleString('en-GB')} shared strings (${kind}): ${(workbook.bytes.length / MB).toFixed(1)} MB file; ` +
          `refused in ${upload.seconds.toFixed(1)} s; RSS ${Math.round(upload.before / MB)} MB before, peak ${Math.round(upload.peak / MB)} MB sampled`,
      );
      assert.equal(upload.value.statusCode, 400);
      assert.match(text(upload.value.body), /The file needs more memory to read than this service allows/);
      assert.equal((await analyst.get(IMPORT)).statusCode, 200);
      const small = await postMultipart(t.app, analyst, IMPORT, { kind: 'ehc-requests', personColumn: '' }, { name: 'small.csv', content: Buffer.from('Wrong heading\n1\n'), type: 'text/csv' });
      assert.match(text(small.body), /Wrong heading/, 'a new worker reads the next file');
      assert.deepEqual(await state(), before);
    });
  });
}
