// Issue 12 item 3: no message, log line or audit entry repeats an identifier from an uploaded file. Generated
// identifiers (valid NHS numbers, UPNs with their check letter, postcodes, dates of birth) are planted in every
// column of every casework record kind and of every kind of data return, and sent through the real import paths:
// the command line (`casework import`, `returns import`), the web pages (casework import, return upload check) and
// the returns API. Every answer, every log line and the audit trail are searched for each planted value.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCaseworkCommand } from '../../src/cli/casework-command.ts';
import { returnsErrorLines, runReturnsCommand } from '../../src/cli/returns-command.ts';
import { isValidNhsNumber } from '../../src/casework/identifier-detection.ts';
import { CASEWORK_KINDS, RECORD_KINDS } from '../../src/modules/casework/index.ts';
import { layoutFor, type Schedule } from '../../src/modules/returns/index.ts';
import { seededRandom } from '../../src/returns-parsing/fixtures.ts';
import { csvFile } from '../factories/casework-files.ts';
import { postMultipart } from '../helpers/multipart.ts';
import { createPerson, Visitor } from '../helpers/sign-in.ts';
import { createTestApp, type TestApp } from '../helpers/test-server.ts';

type Kind = 'nhs-number' | 'upn' | 'postcode' | 'date-of-birth';
interface Planted { kind: Kind; text: string; forms: string[] }

const random = seededRandom(20261203);
const int = (n: number) => Math.floor(random() * n);
const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');

/** A valid NHS number: 9 digits and the modulus 11 check digit (NHS Data Dictionary, "NHS Number"). */
function nhsNumber(): Planted {
  for (;;) {
    const stem = digits(9);
    const check = 11 - ([...stem].reduce((sum, d, i) => sum + Number(d) * (10 - i), 0) % 11);
    if (check === 10) continue;
    const number = `${stem}${check === 11 ? 0 : check}`;
    const spaced = `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`;
    return { kind: 'nhs-number', text: random() < 0.5 ? number : spaced, forms: [number, spaced, spaced.replaceAll(' ', '-')] };
  }
}

/**
 * A permanent UPN: check letter, LA number, DfE establishment number, year and serial (DfE Common Basic Data Set,
 * "Unique Pupil Number"): the 12 digits weighted 2 to 13, summed, modulo 23, as A-Z without I, O and S.
 */
function upn(): Planted {
  const body = `${800 + int(200)}${digits(4)}${String(int(100)).padStart(2, '0')}${digits(3)}`;
  const check = 'ABCDEFGHJKLMNPQRTUVWXYZ'[[...body].reduce((sum, d, i) => sum + Number(d) * (i + 2), 0) % 23]!;
  return { kind: 'upn', text: `${check}${body}`, forms: [`${check}${body}`, body] };
}

/** A postcode in one of the six formats of the Royal Mail PAF (outward code, space, digit and two letters). */
function postcode(): Planted {
  const area = ['B', 'CM', 'CO', 'E', 'SS', 'N', 'LS', 'CB', 'M', 'SW'][int(10)]!;
  const letter = () => 'ABDEFGHJLNPQRSTUWXYZ'[int(20)]!;
  const outward = [`${area}${int(10)}`, `${area}${1 + int(9)}${int(10)}`, `${area}${int(10)}${letter()}`][int(3)]!;
  const text = `${outward} ${int(10)}${letter()}${letter()}`;
  return { kind: 'postcode', text, forms: [text, text.replace(' ', ''), text.toLowerCase()] };
}

/** A date of birth of a child or young person (0-25), written as ISO or UK dates; never the 1st, which periods use. */
function dateOfBirth(): Planted {
  const [y, m, d] = [2000 + int(25), 1 + int(12), 2 + int(27)];
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const uk = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  return { kind: 'date-of-birth', text: random() < 0.5 ? iso : uk, forms: [iso, uk] };
}

const plantSet = (): Planted[] => [nhsNumber(), upn(), postcode(), dateOfBirth()];

/** The text of an HTML page: tags dropped, entities decoded (so an escaped value is found too). */
const pageText = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('no identifier from an uploaded file is ever repeated (issue 12 item 3)', () => {
  let t: TestApp;
  let dir: string;
  const logs: string[] = [];
  const counts = { files: 0, cells: 0, outputs: 0, echoes: 0 };
  const echoes: string[] = [];
  const everything: Planted[] = [];

  /** Counts an output and records every planted value it repeats. */
  function scan(where: string, output: string, planted: readonly Planted[]): void {
    counts.outputs += 1;
    for (const p of planted) {
      const form = p.forms.find((f) => output.includes(f));
      if (form) {
        counts.echoes += 1;
        echoes.push(`${where}: repeats the ${p.kind} ${form}: ${output.slice(Math.max(0, output.indexOf(form) - 120), output.indexOf(form) + 40)}`);
      }
    }
  }

  before(async () => {
    t = await createTestApp({ app: { logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } } } });
    dir = mkdtempSync(join(tmpdir(), 'identifier-echo-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('plants identifiers in every column of every casework record kind: CLI and web import repeat none', { timeout: 300_000 }, async () => {
    await createPerson(t.container, { partnership: 'essex', email: 'analyst@echo.example', organisation: 'Essex County Council', role: 'analyst' });
    const analyst = await new Visitor(t.app).signIn('analyst@echo.example');
    for (const kind of CASEWORK_KINDS) {
      const fields = RECORD_KINDS[kind].fields;
      for (const [column, field] of fields.entries()) {
        const planted = plantSet();
        const rows = planted.map((p, i) => fields.map((f, c) => (c === column ? p.text : f.type === 'record-id' ? `R-${kind}-${column}-${i}` : f.example)));
        const bytes = csvFile([fields.map((f) => f.heading), ...rows]);
        counts.files += 1;
        counts.cells += planted.length;
        everything.push(...planted);
        const path = join(dir, 'records.csv');
        writeFileSync(path, bytes);
        let printed = '';
        try {
          await runCaseworkCommand(t.container, ['import', kind, path, '--partnership', 'essex'], (text) => (printed += text));
        } catch (error) {
          printed += (error as Error).message;
        }
        scan(`casework import ${kind}, ${field.heading} (command line)`, printed, planted);
        const page = await postMultipart(t.app, analyst, '/partnerships/essex/casework/import', { kind }, { name: 'records.csv', content: bytes, type: 'text/csv' });
        assert.ok([200, 400].includes(page.statusCode), `${kind} ${field.heading}: ${page.statusCode}`);
        scan(`casework import ${kind}, ${field.heading} (web)`, pageText(page.body), planted);
      }
    }
  });

  it('plants identifiers in every column of every kind of return: CLI, web upload check and API repeat none', { timeout: 300_000 }, async () => {
    const returns = t.container.returns;
    const essex = (await returns.partnership('essex'))!.id;
    const advice = await returns.schedule(essex, 'advice-timeliness-by-provider');
    const { measureId, organisationId } = advice;
    await returns.createSchedule(essex, { slug: 'echo-schools', measureId, organisationId, grain: 'quarter', shape: 'ratio', breakdown: 'school', breakdownValues: [], deadlineDays: 20, firstPeriodStart: '2024-10-01' }, { label: 'test', personId: null, organisationId: null, reviewer: true });
    const schedules: [Schedule, string][] = [];
    for (const [slug, period] of [['integrated-checks-by-area', '2025-Q1'], ['advice-timeliness-by-provider', '2025-Q1'], ['echo-schools', '2025-Q1'], ['assessment-waits-by-area', '2025-03']] as const) {
      schedules.push([await returns.schedule(essex, slug), period]);
    }
    for (const [schedule, code] of schedules) {
      const period = returns.period(schedule, code);
      const email = `submitter-${schedule.slug}@echo.example`;
      await createPerson(t.container, { partnership: 'essex', email, organisation: schedule.organisationName, role: 'data-submitter' });
      const submitter = await new Visitor(t.app).signIn(email);
      const token = (await t.container.apiTokens.create(essex, schedule.organisationId, `echo ${schedule.slug}`, { label: 'test', personId: null })).token;
      const layout = layoutFor(schedule);
      const names = schedule.breakdownValues.length > 0 ? schedule.breakdownValues : ['School A', 'School B', 'School C', 'School D'];
      const figure = (key: string, rowCount: number) => (schedule.shape === 'value' ? '12.5' : String((key === 'numerator' ? 5 : 10) * rowCount));
      const base = ['Total', ...names].map((name, i) => layout.columns.map((c) => (c.key === 'breakdown' ? name : c.key === 'period_start' ? period.start : c.key === 'note' ? '' : figure(c.key, i === 0 ? names.length : 1))));
      for (const [column, heading] of layout.columns.map((c, i) => [i, c.heading] as const)) {
        const planted = plantSet();
        const rows = base.map((row, r) => row.map((cell, c) => (c === column && r >= 1 && r <= planted.length ? planted[r - 1]!.text : cell)));
        const bytes = csvFile([layout.columns.map((c) => c.heading), ...rows]);
        counts.files += 1;
        counts.cells += planted.length;
        everything.push(...planted);
        const path = join(dir, 'return.csv');
        writeFileSync(path, bytes);
        let printed = '';
        try {
          await runReturnsCommand(t.container, ['import', schedule.slug, '--partnership', 'essex', '--period', code, '--org', schedule.organisationCode, path], (text) => (printed += text));
        } catch (error) {
          printed += (returnsErrorLines(error) ?? [(error as Error).message]).join('\n');
        }
        scan(`returns import ${schedule.slug}, ${heading} (command line)`, printed, planted);
        const page = await postMultipart(t.app, submitter, `/partnerships/essex/returns/${schedule.slug}/${code}/upload`, {}, { name: 'return.csv', content: bytes, type: 'text/csv' });
        assert.ok([200, 400].includes(page.statusCode), `${schedule.slug} ${heading}: ${page.statusCode}`);
        scan(`return upload ${schedule.slug}, ${heading} (web)`, pageText(page.body), planted);
        const key = layout.columns[column]!.key;
        if (key !== 'breakdown' && key !== 'numerator' && key !== 'denominator' && key !== 'value') continue;
        const json = rows.map((row) => Object.fromEntries(layout.columns.filter((c) => c.key !== 'period_start' && c.key !== 'note').map((c) => {
          const cell = row[layout.columns.indexOf(c)]!;
          const name = c.key === 'numerator' && schedule.shape === 'count' ? 'count' : c.key;
          return [name, c.key === 'breakdown' || !/^\d+(\.\d+)?$/.test(cell) ? cell : Number(cell)];
        })));
        const api = await t.app.inject({ method: 'POST', url: `/api/v1/returns/${schedule.slug}/${code}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ rows: json }) });
        scan(`returns API ${schedule.slug}, ${heading}`, api.body, planted);
      }
    }
  });

  it('finds none of them in the logs or the audit trail either, and prints the counts', async () => {
    for (const line of logs) scan('log', line, everything);
    const audit = await t.database.db.selectFrom('audit_events').selectAll().execute();
    for (const row of audit) scan('audit', JSON.stringify(row), everything);
    for (const p of everything.filter((x) => x.kind === 'nhs-number')) assert.ok(isValidNhsNumber(p.forms[0]!), `${p.forms[0]} is a valid NHS number`);
    console.log(`identifier echo fuzz: ${counts.files} files, ${counts.cells} cells planted, ${counts.outputs} outputs scanned (${logs.length} log lines, ${audit.length} audit entries), echoes = ${counts.echoes}`);
    assert.ok(counts.files >= 100 && logs.length > 0 && audit.length > 0, 'the fuzz reached every path');
    assert.deepEqual(echoes.slice(0, 10), [], `${counts.echoes} outputs repeat a planted identifier`);
  });
});
