import { parseArgs } from 'node:util';
import type { Container } from '../container.ts';
import { CliUsageError } from './users-command.ts';

export class NoSuchMeasureError extends Error {}

/** `send-outcomes measures list|evaluate`: the defined measures and their evaluation, as JSON or text. */
export async function runMeasuresCommand(container: Container, args: string[], out: (text: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean', default: false }, partnership: { type: 'string' } } });
  if (sub === 'list') {
    const measures = await container.measures.list(values.partnership);
    if (values.json) out(JSON.stringify(measures.map(({ id: _uuid, synthetic: _s, ...m }) => ({ id: m.slug, ...m })), null, 2));
    else out(measures.map((m) => `${m.slug}\t${m.kind}\t${m.title}`).join('\n') || 'No measures.');
  } else if (sub === 'evaluate') {
    const slug = positionals[0];
    if (!slug) throw new CliUsageError('measures evaluate needs a measure id: send-outcomes measures evaluate <measure-id> --json');
    const result = await container.measures.evaluateBySlug(slug, values.partnership);
    if (!result) throw new NoSuchMeasureError(`There is no measure "${slug}" (send-outcomes measures list shows them)`);
    const { measure, evaluation, series, national, revisedPeriods } = result;
    const spc = evaluation.spc && { ...evaluation.spc.chart, periods: evaluation.spc.periods, variation: evaluation.spc.variation, assurance: evaluation.spc.assurance };
    const report = { id: measure.slug, measure: { ...measure, id: measure.slug }, synthetic: measure.synthetic, ...evaluation, spc, series, national, revisedPeriods };
    if (values.json) out(JSON.stringify(report, null, 2));
    else out(`${measure.title}\n${evaluation.summary}`);
  } else {
    throw new CliUsageError(`Unknown command "measures ${sub ?? ''}".`);
  }
}
