import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Container } from '../container.ts';
import { ReturnProblemsError, ReturnsError, templateCsv, templateXlsx, type ReturnsActor, type Schedule } from '../modules/returns/index.ts';
import { CliUsageError } from './users-command.ts';

/** A returns command that could not be carried out (unknown schedule, wrong --org ...): nothing was written. */
export class ReturnsCommandError extends Error {}

/**
 * `send-outcomes returns schedules|template|import|approve`: the data returns from a terminal. An import is
 * checked whole and saved in one transaction, or refused with every problem and nothing written.
 */
export async function runReturnsCommand(container: Container, args: string[], out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      partnership: { type: 'string' },
      json: { type: 'boolean', default: false },
      xlsx: { type: 'string' },
      csv: { type: 'string' },
      period: { type: 'string' },
      org: { type: 'string' },
      submit: { type: 'boolean', default: false },
    },
  });
  const returns = container.returns;
  if (sub === 'schedules') {
    const list: { partnership: string; schedule: Schedule }[] = [];
    for (const slug of values.partnership ? [values.partnership] : await container.accounts.partnershipSlugs()) {
      const partnership = await returns.partnership(slug);
      if (!partnership) throw new ReturnsCommandError(`There is no partnership "${slug}"`);
      for (const schedule of await returns.listSchedules(partnership.id)) list.push({ partnership: slug, schedule });
    }
    if (values.json) out(JSON.stringify(list.map(({ partnership, schedule: s }) => ({ partnership, slug: s.slug, measure: s.measureSlug, organisation: { name: s.organisationName, code: s.organisationCode }, grain: s.grain, shape: s.shape, breakdown: s.breakdown, breakdownValues: s.breakdownValues, deadlineDays: s.deadlineDays, firstPeriodStart: s.firstPeriodStart, lastPeriodStart: s.lastPeriodStart })), null, 2));
    else out(list.map(({ partnership, schedule: s }) => `${partnership}\t${s.slug}\t${s.organisationCode}\t${s.grain}\t${s.shape}\t${s.breakdown || 'total only'}`).join('\n') || 'No return schedules.');
    return;
  }
  if (sub !== 'template' && sub !== 'import' && sub !== 'approve') throw new CliUsageError(`Unknown command "returns ${sub ?? ''}".`);
  const slug = positionals[0];
  if (!slug) throw new CliUsageError(`returns ${sub} needs a schedule: send-outcomes returns ${sub} <schedule> ...`);
  const { partnershipId, schedule } = await findSchedule(container, slug, values.partnership);
  const period = values.period ? returns.period(schedule, values.period) : null;

  if (sub === 'template') {
    if (!values.xlsx && !values.csv) throw new CliUsageError('returns template needs --xlsx <file> or --csv <file> (or both)');
    if (values.xlsx) {
      writeFileSync(values.xlsx, await templateXlsx(schedule, period));
      out(`Wrote the ${schedule.slug} template to ${values.xlsx}`);
    }
    if (values.csv) {
      writeFileSync(values.csv, templateCsv(schedule, period));
      out(`Wrote the ${schedule.slug} template to ${values.csv}`);
    }
  } else if (sub === 'import') {
    const file = positionals[1];
    if (!file || !period || !values.org) throw new CliUsageError('returns import needs --period, --org and a file: send-outcomes returns import <schedule> --period <period> --org <code> <file>');
    if (values.org !== schedule.organisationCode) {
      throw new ReturnsCommandError(`--org ${values.org} does not supply "${schedule.slug}": it is supplied by ${schedule.organisationName} (--org ${schedule.organisationCode})`);
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new ReturnsCommandError(`Cannot read ${file}`);
    }
    const actor: ReturnsActor = { label: 'command line', personId: null, organisationId: schedule.organisationId, reviewer: false };
    const saved = await returns.importFile(partnershipId, schedule, period, bytes, basename(file), { actor, channel: 'command-line', submit: values.submit });
    const detail = await returns.detail(partnershipId, schedule, period);
    out(`Saved ${schedule.slug} ${period.label} from ${schedule.organisationName} as revision ${saved.revision} (${detail.status}): ${detail.rows.length} rows.`);
  } else {
    if (!period) throw new CliUsageError('returns approve needs --period: send-outcomes returns approve <schedule> --period <period>');
    const operator: ReturnsActor = { label: 'command line', personId: null, organisationId: null, reviewer: true };
    const written = await returns.approve(partnershipId, schedule, period, operator);
    out(`Approved ${schedule.slug} ${period.label}: ${written} values added to the measure's series.`);
  }
}

/** The schedule by its slug, in the partnership named or the only one that has it. */
async function findSchedule(container: Container, slug: string, partnershipSlug: string | undefined): Promise<{ partnershipId: string; schedule: Schedule }> {
  const found: { partnershipId: string; slug: string; schedule: Schedule }[] = [];
  for (const candidate of partnershipSlug ? [partnershipSlug] : await container.accounts.partnershipSlugs()) {
    const partnership = await container.returns.partnership(candidate);
    if (!partnership) throw new ReturnsCommandError(`There is no partnership "${candidate}"`);
    const schedule = (await container.returns.listSchedules(partnership.id)).find((s) => s.slug === slug);
    if (schedule) found.push({ partnershipId: partnership.id, slug: candidate, schedule });
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new ReturnsCommandError(`There is no return schedule "${slug}"${partnershipSlug ? ` in ${partnershipSlug}` : ''} (send-outcomes returns schedules lists them)`);
  throw new CliUsageError(`Several partnerships have a return schedule "${slug}": say which with --partnership (one of: ${found.map((f) => f.slug).join(', ')})`);
}

/**
 * What to print on stderr for an error of the returns command, or null when it is not one:
 * each problem of a refused file on its own line as `row N, Column: message`.
 */
export function returnsErrorLines(error: unknown): string[] | null {
  if (error instanceof ReturnProblemsError) return [...error.problems.map(problemLine), error.message];
  if (error instanceof ReturnsError || error instanceof ReturnsCommandError) return [error.message, 'Nothing was written.'];
  return null;
}

function problemLine(problem: { row?: number; column?: string; message: string }): string {
  const where = [problem.row !== undefined ? `row ${problem.row}` : '', problem.column ?? ''].filter(Boolean).join(', ');
  // The parser's messages start with their own "Row 3, column 'Count': " or "Row 3 "; say it once.
  const message = problem.row !== undefined ? problem.message.replace(new RegExp(`^Row ${problem.row}((, column '[^']*'|, [^:]{1,60})?: | )`), '') : problem.message;
  return where ? `${where}: ${message}` : message;
}
