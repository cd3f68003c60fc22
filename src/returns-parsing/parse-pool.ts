// Runs the parser (read-file.ts) in one worker thread with its own memory limit (Node worker_threads
// `resourceLimits`), so a workbook that needs more memory than that fails its own upload with a clear
// message while the web process keeps serving. Files are read one at a time, so at most one parse's
// memory is in use; the worker is reused, and replaced after it dies.
import { Worker } from 'node:worker_threads';
import type { ParseResult, ReturnLayout } from './types.ts';

/** A file to read, as posted to the worker. */
export interface ParseJob { id: number; layout: ReturnLayout; bytes: Uint8Array; fileName: string }
/** The worker's answer to a job. */
export interface ParseReply { id: number; result: ParseResult }

/**
 * The worker's heap limits. A casework file at the row limit (250,000 rows of all 17 ehc-requests columns,
 * 29 MB of CSV) is read within 256 MB of heap but not within 192 MB; a file needing more fails alone.
 */
export const PARSE_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 } as const;
/** A parse that runs longer than this is stopped (a reader stuck in a pathological file). */
const TIME_LIMIT_MS = 180_000;

const TOO_BIG = 'The file needs more memory to read than this service allows. Remove other sheets, formatting and empty rows, or save it as CSV UTF-8, and upload it again';
const TOO_SLOW = 'The file took too long to read. Remove other sheets, formatting and empty rows, or save it as CSV UTF-8, and upload it again';
const FAILED = 'The file could not be read; save it as CSV UTF-8 or .xlsx and try again';

const fail = (message: string): ParseResult => ({ ok: false, problems: [{ message }] });

let worker: Worker | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  const started = new Worker(new URL('./parse-worker.js', import.meta.url), { execArgv: [], resourceLimits: PARSE_RESOURCE_LIMITS });
  started.unref();
  started.once('exit', () => {
    if (worker === started) worker = undefined;
  });
  return started;
}

/** Runs one job on the worker; resolves with its result, or a problem when the worker dies or overruns. */
function run(job: ParseJob): Promise<ParseResult> {
  const thread = (worker ??= startWorker());
  return new Promise<ParseResult>((resolve) => {
    const finish = (result: ParseResult) => {
      clearTimeout(timer);
      thread.off('message', onMessage).off('error', onError).off('exit', onExit);
      thread.unref();
      resolve(result);
    };
    const onMessage = (reply: ParseReply) => {
      if (reply.id === job.id) finish(reply.result);
    };
    const onError = (error: Error & { code?: string }) => finish(fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? TOO_BIG : FAILED));
    const onExit = () => finish(fail(FAILED));
    const timer = setTimeout(() => {
      finish(fail(TOO_SLOW));
      void thread.terminate();
    }, TIME_LIMIT_MS);
    thread.on('message', onMessage).on('error', onError).on('exit', onExit);
    // Referenced while it works, so a command-line import waiting on it is not cut short.
    thread.ref();
    thread.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  });
}

/**
 * Parses and validates a file in the parse worker, one file at a time. Never rejects: the worker running out
 * of memory, dying or overrunning comes back as a problem for the partner.
 */
export function parseInWorker(layout: ReturnLayout, bytes: Buffer, fileName: string): Promise<ParseResult> {
  // One copy, handed over (transferred) to the worker rather than cloned: the caller keeps its bytes.
  const job: ParseJob = { id: nextId++, layout, bytes: new Uint8Array(bytes), fileName };
  const result = queue.then(() => run(job)).catch(() => fail(FAILED));
  queue = result;
  return result;
}
