import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmrChart } from '../stats/index.ts';
import { spcChart, spcPointKind, type SpcChartInput } from './spc-chart.ts';
import { assertAccessibleChart, byClass, findAll, textOf, type XmlElement} from './test-support.ts';

const MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'];
const text = { id: 'ehcp', title: 'EHC plans issued within 20 weeks', summary: 'Rising since April 2024, above the upper limit in the latest month.' };

/** An input built the way a measure page builds it: values through xmrChart. */
function input(values: readonly number[], extra: Partial<SpcChartInput> = {}): SpcChartInput {
  const chart = xmrChart(values, { baselineLength: Math.min(12, Math.max(1, values.length)) });
  return {
    ...text,
    points: chart.points.map((p, i) => ({ label: `${MONTHS[i % 12]} ${2023 + Math.floor((i + 3) / 12)}`, value: p.value, specialCause: p.specialCause, rules: p.rules, direction: p.direction })),
    mean: chart.mean,
    lowerLimit: chart.lowerLimit,
    upperLimit: chart.upperLimit,
    target: 70,
    polarity: 'higher-is-better',
    unit: 'percent',
    ...extra,
  };
}

const BASE = [58.1, 60.2, 59.4, 61.0, 57.9, 60.5, 59.8, 61.2, 60.1, 58.7, 60.3, 59.1];
const RISING = [...BASE, 62.3, 63.1, 64.0, 63.5, 64.8, 65.2, 66.0, 64.1, 71.5, 65.9, 52.0];
const points = (root: XmlElement): XmlElement[] => byClass(root, 'point');
const texts = (root: XmlElement): string[] => findAll(root, (el) => el.name === 'text').map(textOf);

describe('spcChart', () => {
  it('is an accessible, well-formed SVG with its title and summary', () => {
    assertAccessibleChart(spcChart(input(RISING)), text);
  });

  it('draws one marker per value', () => {
    const root = assertAccessibleChart(spcChart(input(RISING)), text);
    assert.equal(points(root).length, RISING.length);
  });

  it('marks improvement, concern and common cause with different shapes', () => {
    const root = assertAccessibleChart(spcChart(input(RISING)), text);
    const shape = (kind: string): Set<string | undefined> => new Set(byClass(root, `point--${kind}`).map((el) => el.attributes['data-shape']));
    assert.deepEqual(shape('improvement'), new Set(['triangle-up']));
    assert.deepEqual(shape('concern'), new Set(['diamond']));
    assert.deepEqual(shape('common'), new Set(['circle']));
    assert.ok(byClass(root, 'point--improvement').length > 0 && byClass(root, 'point--concern').length === 1);
  });

  it('points improvement triangles down when lower is better', () => {
    const root = assertAccessibleChart(spcChart(input(RISING.map((v) => 100 - v), { polarity: 'lower-is-better', target: 30 })), text);
    const improving = byClass(root, 'point--improvement');
    assert.ok(improving.length > 0);
    assert.ok(improving.every((el) => el.attributes['data-shape'] === 'triangle-down'));
  });

  it('marks special causes of a measure without polarity as purple squares', () => {
    const root = assertAccessibleChart(spcChart(input(RISING, { polarity: 'neither', target: null })), text);
    assert.ok(byClass(root, 'point--neither').every((el) => el.attributes['data-shape'] === 'square'));
    assert.ok(byClass(root, 'point--neither').length > 0);
    assert.ok(texts(root).includes('Special cause: neither improvement nor concern'));
  });

  it('explains shapes and lines in a visible key', () => {
    const keyText = byClass(assertAccessibleChart(spcChart(input(RISING)), text), 'legend-text').map(textOf);
    for (const words of ['Common cause variation', 'Special cause: improvement', 'Special cause: concern', 'Mean', 'Process limits', 'Target']) {
      assert.ok(keyText.includes(words), words);
    }
  });

  it('draws the limits dashed, the mean solid and the target dotted with a label', () => {
    const root = assertAccessibleChart(spcChart(input(RISING)), text);
    const limits = byClass(root, 'limit');
    assert.equal(limits.length, 2);
    assert.ok(limits.every((el) => el.attributes['stroke-dasharray'] === '6 4'));
    assert.equal(byClass(root, 'mean')[0]?.attributes['stroke-dasharray'], undefined);
    assert.equal(byClass(root, 'target')[0]?.attributes['stroke-dasharray'], '1.5 3');
    assert.ok(texts(root).includes('Target 70.0%'));
  });

  it('puts the reasons for a special cause in the point tooltip', () => {
    const root = assertAccessibleChart(spcChart(input(RISING)), text);
    const concern = byClass(root, 'point--concern')[0];
    assert.match(concern === undefined ? '' : textOf(concern), /^Feb 2025: 52\.0% \(Special cause: concern: outside the process limits/);
  });

  it('labels the value axis with percentages', () => {
    const ticks = texts(assertAccessibleChart(spcChart(input(RISING)), text));
    assert.ok(ticks.includes('60%'));
  });

  it('thins the period labels when there are many, always keeping the latest', () => {
    const values = Array.from({ length: 60 }, (_, i) => 50 + Math.sin(i) * 5);
    const root = assertAccessibleChart(spcChart(input(values)), text);
    const labels = byClass(root, 'category-label').map(textOf);
    assert.ok(labels.length < 20 && labels.length > 3);
    assert.equal(labels.at(-1), 'Mar 2028');
    assert.equal(points(root).length, 60);
  });

  it('escapes script tags and ampersands in labels', () => {
    const svg = spcChart({ ...input([1, 2, 3]), points: [{ label: '<script>alert(1)</script>', value: 1, specialCause: false }, { label: 'Q&A', value: 2, specialCause: false }] });
    assert.doesNotMatch(svg, /<script>/);
    assert.match(svg, /Q&amp;A/);
    assertAccessibleChart(svg, text);
  });

  it('says "No data yet" for no points, or only missing values, keeping title and summary', () => {
    for (const pts of [[], [{ label: 'Apr', value: null, specialCause: false }]]) {
      const root = assertAccessibleChart(spcChart({ ...input([]), points: pts }), text);
      assert.ok(texts(root).includes('No data yet'));
    }
  });

  it('draws a single point without limits or NaN', () => {
    const root = assertAccessibleChart(spcChart(input([42])), text);
    assert.equal(points(root).length, 1);
    assert.equal(byClass(root, 'limit').length, 0);
    assert.ok(!byClass(root, 'legend-text').map(textOf).includes('Process limits'));
  });

  it('gives all-equal values an axis of non-zero height', () => {
    const root = assertAccessibleChart(spcChart(input([5, 5, 5, 5], { unit: 'count', target: null })), text);
    const ys = points(root).map((el) => el.attributes.d ?? '');
    assert.equal(new Set(ys).size, 4);
  });

  it('plots negative values and leaves a gap for a missing one', () => {
    const base = input([-3, -1, 2, 4, -2], { unit: 'count', target: null });
    const svg = spcChart({ ...base, points: base.points.map((p, i) => (i === 2 ? { ...p, value: null } : p)) });
    const root = assertAccessibleChart(svg, text);
    assert.equal(points(root).length, 4);
    assert.equal((byClass(root, 'series')[0]?.attributes.d?.match(/M/g) ?? []).length, 2);
    assert.ok(texts(root).some((t) => /^-\d/.test(t)), 'a negative tick label');
    assert.ok(byClass(root, 'point').some((el) => textOf(el).endsWith(': -2')));
  });

  it('truncates very long period labels and keeps the full text in a tooltip', () => {
    const long = 'Autumn term 2024 (provisional, revised March 2025)';
    const base = input([1, 2]);
    const root = assertAccessibleChart(spcChart({ ...base, points: base.points.map((p) => ({ ...p, label: long })) }), text);
    const label = byClass(root, 'category-label')[0];
    assert.ok(label !== undefined && textOf(label).includes('…'));
    assert.ok(findAll(label, (el) => el.name === 'title').some((t) => textOf(t) === long));
  });

  it('judges direction from the side of the mean when the point does not say', () => {
    assert.equal(spcPointKind({ label: 'a', value: 10, specialCause: true }, 5, 'higher-is-better'), 'improvement');
    assert.equal(spcPointKind({ label: 'a', value: 1, specialCause: true }, 5, 'higher-is-better'), 'concern');
    assert.equal(spcPointKind({ label: 'a', value: 1, specialCause: false }, 5, 'higher-is-better'), 'common');
  });

  it('renders 60 points without a NaN or Infinity', () => {
    const big = input(Array.from({ length: 60 }, (_, i) => 50 + ((i * 7) % 11)));
    // speed is measured by `npm run bench:charts`, never asserted in a test
    const svg = spcChart(big);
    assert.ok(svg.startsWith('<svg'));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});
