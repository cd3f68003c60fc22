import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Container } from '../container.ts';
import { CASEWORK_KINDS, isCaseworkKind } from '../modules/casework/index.ts';
import { CliUsageError } from './users-command.ts';

/** A casework command that failed with problems for the user (exit code 1, nothing written). */
export class CaseworkCommandError extends Error {}

async function partnershipOf(container: Container, slug: string | undefined): Promise<string> {
  if (!slug) throw new CliUsageError('Name the partnership: --partnership <slug>');
  const id = await container.casework.partnershipId(slug);
  if (!id) throw new CaseworkCommandError(`There is no partnership "${slug}"`);
  return id;
}

function months(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  return text.split(',').map((m) => {
    const month = m.trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/.test(month)) throw new CliUsageError(`--months takes months like 2025-01,2025-02 (not "${month}")`);
    return `${month.slice(0, 7)}-01`;
  });
}

/**
 * `send-outcomes casework import <kind> <file> --partnership <slug> [--person-column <heading>] [--json]` and
 * `send-outcomes casework refresh [--partnership <slug>] [--months 2025-01,...]`. Problems go to stderr with
 * their row and column; stdout carries only the summary.
 */
export async function runCaseworkCommand(container: Container, args: string[], out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { partnership: { type: 'string' }, 'person-column': { type: 'string' }, months: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (sub === 'import') {
    const [kind, file] = positionals;
    if (!kind || !file) throw new CliUsageError('casework import needs a kind and a file: send-outcomes casework import <kind> <file> --partnership <slug>');
    if (!isCaseworkKind(kind)) throw new CliUsageError(`Unknown record kind "${kind}"; the kinds are ${CASEWORK_KINDS.join(', ')}`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new CliUsageError(`Cannot read ${file}`);
    }
    const partnershipId = await partnershipOf(container, values.partnership);
    const personColumn = values['person-column'];
    const result = await container.casework.import(partnershipId, kind, bytes, basename(file), { personId: null, label: 'command line' }, personColumn ? { personColumn } : {});
    if (!result.ok) throw new CaseworkCommandError(result.problems.map((p) => p.message).join('\n'));
    if (values.json) out(JSON.stringify({ importId: result.importId, kind: result.kind, rows: result.rows, inserted: result.inserted, replaced: result.replaced, months: result.months, indicatorRows: result.recompute.indicatorRows, measureValues: result.recompute.measureValues }, null, 2));
    else out(`Imported ${result.rows} ${kind} rows (${result.inserted} new, ${result.replaced} replaced); recomputed ${result.months.length} months: ${result.recompute.indicatorRows} indicator values, ${result.recompute.measureValues} measure values.`);
  } else if (sub === 'refresh') {
    const selected = months(values.months);
    const summary = values.partnership
      ? await container.casework.refresh(await partnershipOf(container, values.partnership), selected ? { months: selected } : {})
      : await container.casework.refreshAll();
    if (values.json) out(JSON.stringify(summary, null, 2));
    else out(`Recomputed ${summary.months === 'all' ? 'every period' : `${summary.months.length} months`}: ${summary.indicatorRows} indicator values, ${summary.measureValues} measure values.`);
  } else {
    throw new CliUsageError(`Unknown command "casework ${sub ?? ''}".`);
  }
}
