import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareToBenchmark, wilsonInterval } from '../stats/index.ts';
import { intervalBars, type IntervalBarsInput, type IntervalRow } from './interval-bars.ts';
import { assertAccessibleChart, byClass, findAll, textOf} from './test-support.ts';

const text = { id: 'areas', title: 'EHC plans issued within 20 weeks, 2024', summary: 'Southend is similar to England; Kent is better.' };
const ENGLAND = 57.9;

function row(label: string, numerator: number, denominator: number): IntervalRow {
  const ci = wilsonInterval(numerator, denominator);
  assert.ok(ci !== null);
  const p = numerator / denominator;
  return { label, value: p * 100, lower: ci.lower * 100, upper: ci.upper * 100, comparison: compareToBenchmark(p, ci, ENGLAND / 100, 'higher-is-better') };
}
const ROWS = [row('Southend-on-Sea', 210, 380), row('Kent', 1800, 2900), row('Thurrock', 120, 260), row('Essex', 1500, 2600)];
const input = (extra: Partial<IntervalBarsInput> = {}): IntervalBarsInput => ({ ...text, rows: ROWS, benchmark: ENGLAND, benchmarkLabel: 'England', unit: 'percent', ...extra });
const texts = (svg: string): string[] => findAll(assertAccessibleChart(svg, text), (el) => el.name === 'text').map(textOf);

describe('intervalBars', () => {
  it('is an accessible, well-formed SVG with one marker and one whisker per area', () => {
    const root = assertAccessibleChart(intervalBars(input()), text);
    assert.equal(byClass(root, 'point').length, ROWS.length);
    assert.equal(byClass(root, 'interval').length, ROWS.length);
  });

  it('shows each comparison by shape and in words, not by colour alone', () => {
    const rows: IntervalRow[] = (['better', 'similar', 'worse', 'higher', 'lower', null] as const).map((comparison, i) => ({
      label: `Area ${i}`, value: 50 + i, lower: 45 + i, upper: 55 + i, comparison,
    }));
    const root = assertAccessibleChart(intervalBars(input({ rows })), text);
    const shapes = ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down', 'circle'];
    const kinds = ['better', 'similar', 'worse', 'higher', 'lower', 'none'];
    kinds.forEach((kind, i) => assert.equal(byClass(root, `point--${kind}`)[0]?.attributes['data-shape'], shapes[i], kind));
    assert.equal(byClass(root, 'point--none')[0]?.attributes.fill, '#ffffff', 'not compared is hollow, unlike better');
    assert.deepEqual(byClass(root, 'row-comparison').map(textOf), ['Better', 'Similar', 'Worse', 'Higher', 'Lower', 'Not compared']);
  });

  it('draws the benchmark as a labelled line and names it in the column heading and key', () => {
    const root = assertAccessibleChart(intervalBars(input()), text);
    assert.equal(byClass(root, 'benchmark').length, 1);
    assert.equal(textOf(byClass(root, 'benchmark-label')[0] ?? root), 'England 57.9%');
    assert.ok(byClass(root, 'legend-text').map(textOf).includes('England'));
    assert.ok(byClass(root, 'legend-text').map(textOf).includes('95% confidence interval'));
  });

  it('prints each value with its unit', () => {
    assert.ok(texts(intervalBars(input())).includes('55.3%'));
  });

  it('leaves out the benchmark when there is none', () => {
    const root = assertAccessibleChart(intervalBars(input({ benchmark: null })), text);
    assert.equal(byClass(root, 'benchmark').length, 0);
  });

  it('says "No data" for an area without a value and draws no whisker for one without an interval', () => {
    const rows: IntervalRow[] = [...ROWS, { label: 'Luton', value: null, lower: null, upper: null, comparison: null }, { label: 'Bedford', value: 40, lower: null, upper: null, comparison: null }];
    const root = assertAccessibleChart(intervalBars(input({ rows })), text);
    assert.equal(byClass(root, 'point').length, ROWS.length + 1);
    assert.equal(byClass(root, 'interval').length, ROWS.length);
    assert.ok(findAll(root, (el) => el.name === 'text').map(textOf).includes('No data'));
  });

  it('escapes and truncates long area names, keeping the full name in a tooltip', () => {
    const name = '<script>x</script> Bournemouth, Christchurch & Poole Council';
    const svg = intervalBars(input({ rows: [{ ...ROWS[0], label: name } as IntervalRow] }));
    assert.doesNotMatch(svg, /<script>/);
    const label = byClass(assertAccessibleChart(svg, text), 'row-label')[0];
    assert.ok(label !== undefined && textOf(label).includes('…'));
    assert.ok(findAll(label, (el) => el.name === 'title').some((t) => textOf(t) === name));
  });

  it('says "No data yet" when no area has a value', () => {
    assert.ok(texts(intervalBars(input({ rows: [] }))).includes('No data yet'));
    assert.ok(texts(intervalBars(input({ rows: [{ label: 'A', value: null, lower: null, upper: null, comparison: null }] }))).includes('No data yet'));
  });

  it('copes with one area, equal values and negative values', () => {
    assertAccessibleChart(intervalBars(input({ rows: [ROWS[0] as IntervalRow] })), text);
    assertAccessibleChart(intervalBars(input({ rows: [{ label: 'A', value: 5, lower: 5, upper: 5, comparison: 'similar' }], benchmark: 5, unit: 'count' })), text);
    const negative = intervalBars(input({ rows: [{ label: 'A', value: -3.2, lower: -5, upper: -1, comparison: 'lower' }], benchmark: 0, unit: 'count' }));
    assert.ok(texts(negative).includes('-3.2'));
  });

  it('renders 60 areas without a NaN or Infinity', () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(`Area ${i}`, 100 + i * 3, 200 + i * 2));
    const big = input({ rows });
    // speed is measured by `npm run bench:charts`, never asserted in a test
    const svg = intervalBars(big);
    assert.ok(svg.startsWith('<svg'));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});
