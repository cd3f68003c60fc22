#!/usr/bin/env node
// Runs every test: unit, repository (PGlite, and PostgreSQL when DATABASE_URL is set),
// routes and browser (Chromium). Node 20's --test does not expand globs, so the file
// list is built here. On a fresh Debian machine it installs Chromium from apt when it can.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(chromium)) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.error('Chromium not found: installing it from apt (needed for the browser tests)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(chromium)) {
    console.error(`Chromium is needed for the browser tests: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH) and try again.`);
    process.exit(1);
  }
}

function collect(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const filter = process.argv.slice(2);
let files = [...collect(join(root, 'src')), ...collect(join(root, 'test'))].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.some((f) => f.startsWith('test/e2e/'))) ensureChromium();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, TZ: 'Europe/London', NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
