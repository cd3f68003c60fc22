import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'send-outcomes-start-'));

/** Runs `npm start` as the README says, on a fresh embedded database, until it prints its address. */
async function start(): Promise<{ child: ChildProcess; url: string; stderr: () => string; stdout: () => string }> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${stderr}`)), 60_000);
    child.stderr!.on('data', () => {
      const match = /running at (http:\/\/\S+) /.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr, stdout: () => stdout };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

describe('npm start on a fresh checkout', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves both example plans and prints, once, a framed block of demo administrators of Essex and Southend who can sign in', async () => {
    const first = await start();
    try {
      const home = await (await fetch(`${first.url}/`)).text();
      assert.match(home, /Essex SEND improvement programme/);
      assert.match(home, /SEND Area Partnership strategic action plan: Recommendation 2/);
      // after the address, on stderr, framed: every line of the block the same width between two rules
      const stderr = first.stderr();
      const box = /running at \S+ [^\n]*\n\n(\+-+\+)\n([\s\S]*?)\n\1\n/.exec(stderr);
      assert.ok(box, stderr);
      const inside = box[2]!.split('\n');
      assert.ok(inside.every((line) => line.length === box[1]!.length && /^\| .* \|$/.test(line)), box[0]);
      assert.doesNotMatch(first.stdout(), /password/, 'not among the JSON log lines');
      assert.match(first.stdout(), /^\{"level":30,/m, 'the log is on stdout');
      for (const email of ['demo-admin@essex.example', 'demo-admin@southend-on-sea.example']) {
        const demo = new RegExp(`as (${email.replaceAll('.', '\\.')}) with the password (\\S+)`).exec(box[2]!);
        assert.ok(demo, `${email} in ${box[0]}`);
        const page = await fetch(`${first.url}/sign-in`);
        const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
        const signIn = await fetch(`${first.url}/sign-in`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, email: demo[1]!, password: demo[2]!, returnTo: '/admin' }),
        });
        assert.equal(signIn.status, 303, email);
        assert.ok(signIn.headers.getSetCookie().some((c) => c.startsWith('so_session=')));
      }
    } finally {
      await stop(first.child);
    }
    const second = await start();
    try {
      assert.doesNotMatch(second.stderr(), /Demo administrator/);
    } finally {
      await stop(second.child);
    }
  });
});
