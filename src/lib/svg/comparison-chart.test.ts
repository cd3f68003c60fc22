import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparisonChart, mergeLabels, type ComparisonChartInput, type ComparisonSeries } from './comparison-chart.ts';
import { assertAccessibleChart, byClass, findAll, textOf} from './test-support.ts';

const text = { id: 'trend', title: 'EHC plans issued within 20 weeks, 2018 to 2024', summary: 'Southend rose from 42% to 66%; England fell to 46%.' };
const YEARS = ['2018', '2019', '2020', '2021', '2022', '2023', '2024'];
const series = (name: string, style: ComparisonSeries['style'], values: readonly (number | null)[], labels = YEARS): ComparisonSeries => ({
  name, style, points: values.map((value, i) => ({ label: labels[i] ?? `P${i}`, value })),
});
const LOCAL = series('Southend-on-Sea', 'local', [42.1, 48.3, 55.0, null, 61.2, 64.8, 66.1]);
const NATIONAL = series('England', 'national', [60.1, 58.7, 58.0, 59.9, 49.2, 50.3, 46.4]);
const NEIGHBOURS = series('Statistical neighbours', 'comparator', [55.3, 56.1, 52.3, 51.0, 47.9], YEARS.slice(2));
const input = (extra: Partial<ComparisonChartInput> = {}): ComparisonChartInput => ({ ...text, series: [LOCAL, NATIONAL, NEIGHBOURS], unit: 'percent', ...extra });

describe('comparisonChart', () => {
  it('is an accessible, well-formed SVG with one marker per value', () => {
    const root = assertAccessibleChart(comparisonChart(input()), text);
    assert.equal(byClass(root, 'point').length, 6 + 7 + 5);
  });

  it('gives each series its own dash pattern and marker shape', () => {
    const root = assertAccessibleChart(comparisonChart(input()), text);
    const dashes = ['local', 'national', 'comparator'].map((style) => {
      const group = byClass(root, `series--${style}`)[0];
      assert.ok(group !== undefined, style);
      return byClass(group, 'series-line')[0]?.attributes['stroke-dasharray'];
    });
    assert.equal(dashes[0], undefined);
    assert.equal(new Set(dashes).size, 3);
    const shapes = ['local', 'national', 'comparator'].map((s) => byClass(root, `point--${s}`)[0]?.attributes['data-shape']);
    assert.deepEqual(shapes, ['circle', 'square', 'diamond']);
  });

  it('labels each line directly at its end with its name and latest value', () => {
    const labels = byClass(assertAccessibleChart(comparisonChart(input()), text), 'end-label').map(textOf);
    assert.ok(labels.includes('Southend-on-Sea 66.1%'));
    assert.ok(labels.includes('England 46.4%'));
    assert.ok(labels.some((l) => l.startsWith('Statistical') && l.endsWith('47.9%')));
  });

  it('names every series in the key', () => {
    const key = byClass(assertAccessibleChart(comparisonChart(input()), text), 'legend-text').map(textOf);
    assert.deepEqual(key, ['Southend-on-Sea', 'England', 'Statistical neighbours']);
  });

  it('breaks a line where a value is missing', () => {
    const root = assertAccessibleChart(comparisonChart(input()), text);
    const local = byClass(root, 'series-line').find((el) => el.attributes.stroke === '#1d70b8');
    assert.equal((local?.attributes.d?.match(/M/g) ?? []).length, 2);
  });

  it('merges periods that series cover differently into one time order', () => {
    assert.deepEqual(mergeLabels([series('a', 'local', [1, 2], ['2020', '2021']), series('b', 'national', [1, 2, 3, 4], ['2019', '2020', '2021', '2022'])]), ['2019', '2020', '2021', '2022']);
  });

  it('escapes names and truncates long ones with a tooltip', () => {
    const name = '<script>x</script> & the average of the statistical neighbours';
    const svg = comparisonChart(input({ series: [series(name, 'comparator', [1, 2, 3])] }));
    assert.doesNotMatch(svg, /<script>/);
    const label = byClass(assertAccessibleChart(svg, text), 'end-label')[0];
    assert.ok(label !== undefined && textOf(label).includes('…'));
    assert.ok(findAll(label, (el) => el.name === 'title').some((t) => textOf(t) === name));
  });

  it('says "No data yet" when no series has a value', () => {
    for (const s of [[], [series('England', 'national', [null, null])]]) {
      const root = assertAccessibleChart(comparisonChart(input({ series: s })), text);
      assert.ok(findAll(root, (el) => el.name === 'text').some((el) => textOf(el) === 'No data yet'));
    }
  });

  it('copes with a single period, equal values and negative values', () => {
    const one = assertAccessibleChart(comparisonChart(input({ series: [series('A', 'local', [5]), series('B', 'national', [5])], unit: 'count' })), text);
    assert.equal(byClass(one, 'point').length, 2);
    assertAccessibleChart(comparisonChart(input({ series: [series('A', 'local', [-4, -2, 1])], unit: 'count' })), text);
  });

  it('renders 60 periods of three series without a NaN or Infinity', () => {
    const labels = Array.from({ length: 60 }, (_, i) => `M${i}`);
    const big = input({ series: [0, 1, 2].map((k) => series(`S${k}`, k === 0 ? 'local' : k === 1 ? 'national' : 'comparator', labels.map((_, i) => 50 + k + (i % 7)), labels)) });
    // speed is measured by `npm run bench:charts`, never asserted in a test
    const svg = comparisonChart(big);
    assert.ok(svg.startsWith('<svg'));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});

describe('comparisonChart with dated periods (issue 12, defect 5)', () => {
  // Southend "EHCP absence": the area by calendar year, England for a school year's two terms and for one term
  const years = [2021, 2022, 2023, 2024, 2025, 2026].map((y, i) => ({ label: String(y), value: 10 + i, start: `${y}-01-01`, end: `${y}-12-31` }));
  const england = [
    { label: '2021/22 autumn+spring', value: 12.1, start: '2021-09-01', end: '2022-04-17' },
    { label: '2023/24 autumn', value: 12.4, start: '2023-09-01', end: '2023-12-31' },
  ];
  const dated = { id: 'national', title: 'Absence compared with England', summary: 'Not compared: England has term figures only.', unit: 'percent' as const,
    series: [{ name: 'This area', style: 'local' as const, points: years }, { name: 'England', style: 'national' as const, points: england }] };
  // the centre of a marker from its path: circles start r = 4.5 left of it, squares 0.9 × 4 = 3.6
  const centre = (el: { attributes: Record<string, string | undefined> }) => Number(/^M(-?[\d.]+)/.exec(el.attributes.d ?? '')![1]) + (el.attributes['data-shape'] === 'circle' ? 4.5 : 3.6);
  const pointX = (root: ReturnType<typeof assertAccessibleChart>, name: string) => {
    const found = byClass(root, 'point').find((el) => findAll(el, (c) => c.name === 'title').some((t) => textOf(t).startsWith(`${name}:`)));
    assert.ok(found, name);
    return centre(found);
  };

  it("places England's 2021/22 between the area's 2021 and 2022, and 2023/24 autumn before the area's 2024", () => {
    const root = assertAccessibleChart(comparisonChart(dated), dated);
    const x = (name: string) => pointX(root, name);
    assert.ok(x('This area, 2021') < x('England, 2021/22 autumn+spring'), 'England 2021/22 is right of the area 2021');
    assert.ok(x('England, 2021/22 autumn+spring') < x('This area, 2022'), 'and left of the area 2022');
    assert.ok(x('This area, 2023') < x('England, 2023/24 autumn') && x('England, 2023/24 autumn') < x('This area, 2024'));
  });

  it('labels the time axis by calendar year, in order, not by the merged period labels', () => {
    const root = assertAccessibleChart(comparisonChart(dated), dated);
    const labels = byClass(root, 'category-label').map(textOf);
    assert.deepEqual(labels, ['2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it('draws each period as long as it is: a term shorter than a year', () => {
    const spans = byClass(assertAccessibleChart(comparisonChart(dated), dated), 'period-span').map((el) => Number(el.attributes.x2) - Number(el.attributes.x1));
    // England is drawn first (under the area): its two terms, its one term, then the area's six years
    assert.equal(spans.length, 8);
    const [twoTerms, oneTerm, year] = spans as [number, number, number];
    assert.ok(oneTerm < twoTerms && twoTerms < year && year > oneTerm * 2.5, JSON.stringify(spans));
  });
});
