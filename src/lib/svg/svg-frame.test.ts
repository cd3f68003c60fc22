import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertChartText, chartIds, noDataSvg, num, svgDocument, textLabel, truncateText } from './svg-frame.ts';
import { assertAccessibleChart, byClass, findAll, parseXml, textOf } from './test-support.ts';

const text = { id: 'chart-1', title: 'Title', summary: 'Summary' };

describe('the chart frame', () => {
  it('points aria-labelledby and aria-describedby at the title and desc derived from the id', () => {
    const root = assertAccessibleChart(svgDocument(text, 'test', 100, 50, ''), text);
    assert.deepEqual(chartIds('chart-1'), { title: 'chart-1-title', desc: 'chart-1-desc' });
    assert.equal(root.attributes.viewBox, '0 0 100 50');
  });

  it('escapes the title and summary', () => {
    const nasty = { id: 'x', title: '<script>alert(1)</script> & co', summary: 'A & B < C' };
    const svg = svgDocument(nasty, 'test', 10, 10, '');
    assert.doesNotMatch(svg, /<script>/);
    assertAccessibleChart(svg, nasty);
  });

  it('uses a system font stack and no inline style, which the CSP would block', () => {
    const root = parseXml(svgDocument(text, 'test', 10, 10, ''));
    assert.match(root.attributes['font-family'] ?? '', /system-ui/);
    assert.equal(root.attributes.style, undefined);
  });

  it('refuses an id that cannot be referenced and an empty title or summary', () => {
    assert.throws(() => assertChartText({ ...text, id: 'has space' }), RangeError);
    assert.throws(() => assertChartText({ ...text, id: '1abc' }), RangeError);
    assert.throws(() => assertChartText({ ...text, id: 'a"b' }), RangeError);
    assert.throws(() => assertChartText({ ...text, title: '  ' }), RangeError);
    assert.throws(() => assertChartText({ ...text, summary: '' }), RangeError);
  });

  it('says "No data yet" in a chart that still has its title and description', () => {
    const root = assertAccessibleChart(noDataSvg(text, 'spc'), text);
    assert.equal(textOf(byClass(root, 'no-data')[0] ?? root), 'No data yet');
  });
});

describe('text helpers', () => {
  it('truncates long text with an ellipsis and keeps the full text in a title tooltip', () => {
    const label = parseXml(textLabel(0, 0, 'Statistical neighbours average', { maxChars: 12 }));
    const title = findAll(label, (el) => el.name === 'title')[0];
    assert.equal(title === undefined ? '' : textOf(title), 'Statistical neighbours average');
    assert.equal(textOf(label).endsWith('…'), true);
    assert.equal(truncateText('short', 12).tooltip, '');
  });

  it('escapes label text, truncated or not', () => {
    assert.equal(textLabel(0, 0, 'A & <b>'), '<text x="0" y="0">A &amp; &lt;b&gt;</text>');
    parseXml(textLabel(0, 0, '<script>&&&&&&&&&&&&&&</script>', { maxChars: 5 }));
  });

  it('rounds coordinates and refuses NaN rather than writing it into the markup', () => {
    assert.equal(num(1.23456), '1.2');
    assert.equal(num(12.35), '12.4');
    assert.equal(num(-0.5), '-0.5');
    assert.equal(num(-12.36), '-12.4');
    assert.equal(num(-0.04), '0');
    assert.equal(num(-0), '0');
    assert.equal(num(720), '720');
    assert.throws(() => num(Number.NaN));
    assert.throws(() => num(Number.POSITIVE_INFINITY));
  });
});
