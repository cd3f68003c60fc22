// npm run bench:pages: p50/p99 latency and requests per second for the dashboard of a plan with 200
// measures at 10 concurrent clients, next to a bare GOV.UK page on the same server (a child process,
// so the load generator does not share its event loop).
import { spawn } from 'node:child_process';
import http from 'node:http';

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const SECONDS = Number(process.env.SECONDS ?? 10);

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/pages-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += String(chunk);
    const match = /READY (\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
});

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(path: string): Promise<{ status: number; ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http.get(`${base}${path}`, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6, bytes }));
    }).on('error', reject);
  });
}

async function load(path: string) {
  const first = await get(path);
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const r = await get(path);
      if (r.status !== 200) errors += 1;
      latencies.push(r.ms);
    }
  }));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { path, first: first.ms, bytes: first.bytes, requests: latencies.length, errors, rps: latencies.length / SECONDS, p50: pct(50), p99: pct(99) };
}

const pages = [
  ['bare GOV.UK page (/sign-out)', '/sign-out'],
  ['dashboard, 200 measures', '/partnerships/bench/plans/bench-200/dashboard'],
  ['measure page (3 charts)', '/partnerships/bench/plans/bench-200/measures/bench-2'],
] as const;
console.log(`${CONCURRENCY} concurrent clients, ${SECONDS} s each, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}\n`);
console.log('page'.padEnd(32) + 'first (cold) ms'.padStart(16) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + 'req/s'.padStart(9) + 'errors'.padStart(8) + 'KiB'.padStart(7));
for (const [name, path] of pages) {
  const r = await load(path);
  console.log(name.padEnd(32) + r.first.toFixed(0).padStart(16) + r.p50.toFixed(1).padStart(9) + r.p99.toFixed(1).padStart(9) + r.rps.toFixed(0).padStart(9) + String(r.errors).padStart(8) + (r.bytes / 1024).toFixed(0).padStart(7));
}
console.log('\nFirst request is uncached (evaluation + SVG); later ones hit the 60-second chart cache.');
agent.destroy();
child.kill('SIGTERM');
