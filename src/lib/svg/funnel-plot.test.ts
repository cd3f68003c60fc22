import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proportionFunnelLimits, proportionFunnelSignificance } from '../stats/index.ts';
import { funnelBand, funnelPlot, type FunnelPlotInput } from './funnel-plot.ts';
import { assertAccessibleChart, byClass, findAll, textOf} from './test-support.ts';

const text = { id: 'funnel', title: 'EHC plans issued within 20 weeks by area', summary: 'Two areas are below the 99.8% limits.' };
const AREAS: [string, number, number][] = [
  ['Southend-on-Sea', 210, 380], ['Essex', 1500, 2600], ['Thurrock', 120, 260], ['Kent', 1800, 2900], ['Medway', 160, 330],
  ['Suffolk', 700, 1300], ['Norfolk', 1000, 1700], ['Luton', 60, 180], ['Bedford', 110, 200],
];
const benchmark = AREAS.reduce((s, a) => s + a[1], 0) / AREAS.reduce((s, a) => s + a[2], 0);
const limits = Array.from({ length: 60 }, (_, i) => 20 + i * 50).map((n) => {
  const inner = proportionFunnelLimits(benchmark, n, 0.95);
  const outer = proportionFunnelLimits(benchmark, n, 0.998);
  return { n, lower95: (inner?.lower ?? 0) * 100, upper95: (inner?.upper ?? 0) * 100, lower998: (outer?.lower ?? 0) * 100, upper998: (outer?.upper ?? 0) * 100 };
});
const input = (extra: Partial<FunnelPlotInput> = {}): FunnelPlotInput => ({
  ...text,
  benchmark: benchmark * 100,
  points: AREAS.map(([label, numerator, denominator]) => ({ label, numerator, denominator, value: (numerator / denominator) * 100 })),
  limits,
  unit: 'percent',
  ...extra,
});

describe('funnelPlot', () => {
  it('is an accessible, well-formed SVG with one marker per area', () => {
    const root = assertAccessibleChart(funnelPlot(input()), text);
    assert.equal(byClass(root, 'point').length, AREAS.length);
  });

  it('marks areas outside the limits with their own shapes and a text label, agreeing with the statistics library', () => {
    const root = assertAccessibleChart(funnelPlot(input()), text);
    const outside998 = byClass(root, 'point--outside-998');
    assert.ok(outside998.length > 0);
    assert.ok(outside998.every((el) => el.attributes['data-shape'] === 'diamond'));
    assert.ok(byClass(root, 'point--outside-95').every((el) => el.attributes['data-shape'] === 'square'));
    assert.ok(byClass(root, 'point--within').every((el) => el.attributes['data-shape'] === 'circle'));
    const labelled = byClass(root, 'outlier-label').map(textOf);
    const expected = AREAS.filter(([, n, d]) => proportionFunnelSignificance(n, d, benchmark) !== 'not-significant').map(([label]) => label);
    assert.deepEqual(labelled.sort(), expected.sort());
  });

  it('draws both sets of limits dashed, the 99.8% ones with longer dashes, and a solid benchmark', () => {
    const root = assertAccessibleChart(funnelPlot(input()), text);
    assert.equal(byClass(root, 'limit--95').length, 2);
    assert.equal(byClass(root, 'limit--998').length, 2);
    assert.ok(byClass(root, 'limit--95').every((el) => el.attributes['stroke-dasharray'] === '6 4'));
    assert.ok(byClass(root, 'limit--998').every((el) => el.attributes['stroke-dasharray'] === '12 4'));
    assert.equal(byClass(root, 'benchmark')[0]?.attributes['stroke-dasharray'], undefined);
    assert.ok(findAll(root, (el) => el.name === 'clipPath' && el.attributes.id === 'funnel-plot-area').length === 1);
  });

  it('has a key naming every shape and line', () => {
    const keyText = byClass(assertAccessibleChart(funnelPlot(input()), text), 'legend-text').map(textOf);
    for (const words of ['Within the 95% limits', 'Outside the 95% limits', 'Outside the 99.8% limits', 'Benchmark', '95% limits', '99.8% limits']) {
      assert.ok(keyText.includes(words), words);
    }
  });

  it('uses a significance given with the point over the one read off the limits', () => {
    const point = { label: 'A', numerator: 50, denominator: 100, value: 50 };
    assert.equal(funnelBand({ ...point, significance: 'low-99.8' }, limits), 'outside-998');
    assert.equal(funnelBand({ ...point, significance: 'high-95' }, limits), 'outside-95');
    assert.equal(funnelBand({ ...point, significance: 'not-significant' }, []), 'within');
    assert.equal(funnelBand(point, []), 'within');
  });

  it('escapes area names and truncates long ones, keeping the full name in a tooltip', () => {
    const name = '<script>alert(1)</script> Borough & County Council of Somewhere';
    const svg = funnelPlot(input({ points: [{ label: name, numerator: 10, denominator: 300, value: 3.3 }] }));
    assert.doesNotMatch(svg, /<script>/);
    const root = assertAccessibleChart(svg, text);
    const label = byClass(root, 'outlier-label')[0];
    assert.ok(label !== undefined && textOf(label).includes('…'));
    assert.ok(findAll(label, (el) => el.name === 'title').some((t) => textOf(t) === name));
  });

  it('says "No data yet" when no area has a usable denominator', () => {
    for (const points of [[], [{ label: 'A', numerator: 0, denominator: 0, value: Number.NaN }]]) {
      const root = assertAccessibleChart(funnelPlot(input({ points })), text);
      assert.ok(findAll(root, (el) => el.name === 'text').some((el) => textOf(el) === 'No data yet'));
    }
  });

  it('copes with one area, no limits, null limit values and no benchmark', () => {
    const one = assertAccessibleChart(funnelPlot(input({ points: [{ label: 'A', numerator: 5, denominator: 10, value: 50 }], limits: [], benchmark: null })), text);
    assert.equal(byClass(one, 'point').length, 1);
    assert.equal(byClass(one, 'limit').length, 0);
    assert.equal(byClass(one, 'benchmark').length, 0);
    const gappy = limits.map((row, i) => (i === 3 ? { ...row, upper95: null } : row));
    const root = assertAccessibleChart(funnelPlot(input({ limits: gappy })), text);
    const upper95 = byClass(root, 'limit--95').find((el) => (el.attributes.d ?? '').split('M').length > 2);
    assert.ok(upper95 !== undefined, 'a null limit breaks its line');
  });

  it('handles all areas with the same value and denominator', () => {
    const points = [1, 2, 3].map((i) => ({ label: `Area ${i}`, numerator: 50, denominator: 100, value: 50 }));
    const root = assertAccessibleChart(funnelPlot(input({ points, limits: [], benchmark: 50 })), text);
    assert.equal(byClass(root, 'point').length, 3);
  });

  it('renders 60 areas without a NaN or Infinity', () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ label: `Area ${i}`, numerator: 40 + i, denominator: 100 + i * 40, value: ((40 + i) / (100 + i * 40)) * 100 }));
    const big = input({ points });
    // speed is measured by `npm run bench:charts`, never asserted in a test
    const svg = funnelPlot(big);
    assert.ok(svg.startsWith('<svg'));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});
