// The worker-thread side of the parse pool (parse-pool.ts): reads one file per message and posts the result.
import { parentPort } from 'node:worker_threads';
import { readReturnFile } from './read-file.ts';
import type { ParseJob, ParseReply } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-thread.ts runs only as a worker thread (see parse-pool.ts)');

port.on('message', async (job: ParseJob) => {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const result = await readReturnFile(job.layout, bytes, job.fileName);
  const reply: ParseReply = { id: job.id, result };
  port.postMessage(reply);
});
