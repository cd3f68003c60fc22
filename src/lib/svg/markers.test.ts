import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { legend, marker, markerPath, type MarkerShape } from './markers.ts';
import { COLOURS } from './palette.ts';
import { byClass, parseXml } from './test-support.ts';

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi as number) + 0.05) / ((lo as number) + 0.05);
};

describe('the palette', () => {
  it('gives every colour that marks data on its own at least 3:1 contrast with white', () => {
    for (const name of ['text', 'secondaryText', 'blue', 'darkBlue', 'red', 'green', 'purple', 'grey'] as const) {
      assert.ok(contrast(COLOURS[name], COLOURS.white) >= 3, `${name} ${contrast(COLOURS[name], COLOURS.white).toFixed(2)}`);
    }
  });

  it('has an orange below 3:1, which is why orange marks are always outlined in near-black', () => {
    assert.ok(contrast(COLOURS.orange, COLOURS.white) < 3);
    assert.ok(contrast(COLOURS.orange, COLOURS.text) >= 3);
  });
});

describe('markers', () => {
  it('draws every shape as closed path data without NaN', () => {
    for (const shape of ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down'] as MarkerShape[]) {
      const d = markerPath(shape, 10, 20, 5);
      assert.match(d, /^M[\d.\s\-aLhvZ]+Z$/, shape);
    }
  });

  it('labels a marker with its shape and an escaped tooltip', () => {
    const root = parseXml(`<g>${marker({ shape: 'diamond', fill: COLOURS.orange, stroke: COLOURS.text }, 1, 2, 'point point--concern', 'A & <B>')}</g>`);
    const [path] = byClass(root, 'point--concern');
    assert.equal(path?.attributes['data-shape'], 'diamond');
    assert.equal(path?.attributes.stroke, COLOURS.text);
  });

  it('wraps the key onto more rows when it is wider than the space given', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ kind: 'line' as const, stroke: COLOURS.text, label: `Item number ${i}` }));
    const wide = legend(items, 0, 0, 2000);
    const narrow = legend(items, 0, 0, 300);
    assert.ok(narrow.height > wide.height);
    assert.equal(byClass(parseXml(narrow.svg), 'legend-text').length, 6);
    assert.equal(legend([], 0, 0, 100).height, 0);
  });
});
