import { Worker } from 'node:worker_threads';

interface Pending {
  resolve: (value: WorkerReply) => void;
  reject: (error: Error) => void;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  bytes?: Uint8Array;
  error?: { message: string; code?: string; detail?: string };
}

/** A database error from PGlite, carrying PostgreSQL's SQLSTATE code like node-postgres does. */
export class PGliteQueryError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PGliteQueryError';
  }
}

export interface PGliteOpenOptions {
  /** Directory for a persistent database; omitted for an in-memory one. */
  dataDir?: string;
  /** A gzipped data-directory dump to start from (a migrated snapshot), instead of initdb. */
  snapshot?: Uint8Array;
}

/**
 * PGlite running in a worker thread (see pglite-worker.js): queries are messages, so the
 * event loop keeps serving requests while the WebAssembly Postgres works.
 */
export class PGliteClient {
  #worker: Worker;
  #next = 1;
  #pending = new Map<number, Pending>();
  #closed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply);
      else pending.reject(new PGliteQueryError(reply.error?.message ?? 'query failed', reply.error?.code, reply.error?.detail));
    });
    worker.on('error', (error) => this.#failAll(error));
    worker.on('exit', () => this.#failAll(new Error('the PGlite worker stopped')));
  }

  static async open(options: PGliteOpenOptions = {}): Promise<PGliteClient> {
    const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
      workerData: options,
      execArgv: [],
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { type?: string; message?: string }) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed') reject(new Error(`PGlite could not start: ${message.message}`));
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new PGliteClient(worker);
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  #send(message: Record<string, unknown>): Promise<WorkerReply> {
    if (this.#closed) return Promise.reject(new PGliteQueryError('the database is closed', '08003'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  async query(sql: string, params: readonly unknown[] = []): Promise<{ rows: Record<string, unknown>[]; affectedRows: number }> {
    const reply = await this.#send({ op: 'query', sql, params });
    return { rows: reply.rows ?? [], affectedRows: reply.affectedRows ?? 0 };
  }

  /** Runs `COPY ... FROM '/dev/blob'` with the given COPY text as the blob; returns the rows loaded. */
  async copyFromText(sql: string, text: string): Promise<number> {
    const reply = await this.#send({ op: 'copy', sql, text });
    return reply.affectedRows ?? 0;
  }

  /** Runs several statements at once (simple query protocol); no parameters. */
  async exec(sql: string): Promise<void> {
    await this.#send({ op: 'exec', sql });
  }

  /** The whole data directory as a gzipped tarball, for test snapshots. */
  async dump(): Promise<Uint8Array> {
    const reply = await this.#send({ op: 'dump' });
    if (!reply.bytes) throw new Error('PGlite returned no dump');
    return reply.bytes;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#send({ op: 'close' }).catch(() => undefined);
    this.#closed = true;
    await this.#worker.terminate();
  }
}
