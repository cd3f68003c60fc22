import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssuranceIcon, VariationIcon } from '../stats/index.ts';
import { assuranceIconName, assuranceIconSvg, spcIcon, variationIconName } from './icons.ts';
import { COLOURS } from './palette.ts';
import { byClass, findAll, parseXml, textOf, type XmlElement } from './test-support.ts';

const VARIATIONS: readonly (VariationIcon | null)[] = [
  'common-cause',
  'special-cause-improving-high',
  'special-cause-improving-low',
  'special-cause-concerning-high',
  'special-cause-concerning-low',
  'special-cause-neither-high',
  'special-cause-neither-low',
  null,
];
const ASSURANCES: readonly (AssuranceIcon | null)[] = ['consistently-passing', 'consistently-failing', 'inconsistent', null];

/** Parses an icon and checks what every icon promises. */
function checked(svg: string): XmlElement {
  const root = parseXml(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attributes.role, 'img');
  assert.equal(root.attributes.viewBox, '0 0 40 40');
  const title = findAll(root, (el) => el.name === 'title')[0];
  assert.equal(title === undefined ? '' : textOf(title), root.attributes['aria-label'], 'the tooltip matches the accessible name');
  assert.equal(findAll(root, (el) => el.attributes.style !== undefined).length, 0);
  assert.doesNotMatch(svg, /NaN|undefined/);
  return root;
}
const letter = (root: XmlElement): string => textOf(byClass(root, 'icon-letter')[0] ?? { name: '', attributes: {}, children: [] });

describe('spcIcon', () => {
  it('names special cause variation in words, e.g. "Special cause variation: improvement, high"', () => {
    const root = checked(spcIcon('special-cause-improving-high'));
    assert.equal(root.attributes['aria-label'], 'Special cause variation: improvement, high');
  });

  it('gives every variation a distinct, well-formed icon and name', () => {
    const names = VARIATIONS.map((v) => checked(spcIcon(v)).attributes['aria-label']);
    assert.equal(new Set(names).size, VARIATIONS.length);
    assert.deepEqual(names, VARIATIONS.map(variationIconName));
  });

  it('shows high and low by a letter and an arrow, not by colour alone', () => {
    for (const v of VARIATIONS) {
      const root = checked(spcIcon(v));
      if (v === null || v === 'common-cause') continue;
      const high = v.endsWith('-high');
      assert.equal(letter(root), high ? 'H' : 'L', v);
      assert.equal(byClass(root, `icon-arrow--${high ? 'up' : 'down'}`).length, 1, v);
    }
    assert.equal(byClass(checked(spcIcon('common-cause')), 'icon-zigzag').length, 1);
  });

  it('writes dark rather than white on orange, and outlines every icon for contrast', () => {
    const root = checked(spcIcon('special-cause-concerning-low'));
    assert.equal(byClass(root, 'icon-letter')[0]?.attributes.fill, COLOURS.text);
    assert.equal(findAll(root, (el) => el.name === 'circle')[0]?.attributes.stroke, COLOURS.text);
  });

  it('draws a dashed ring when variation cannot be judged yet', () => {
    const root = checked(spcIcon(null));
    assert.equal(root.attributes['aria-label'], 'Variation not assessed: not enough data');
    assert.ok(findAll(root, (el) => el.name === 'circle')[0]?.attributes['stroke-dasharray'] !== undefined);
  });

  it('takes a size and refuses an invalid one or an unknown variation', () => {
    assert.equal(checked(spcIcon('common-cause', { size: 24 })).attributes.width, '24');
    assert.throws(() => spcIcon('common-cause', { size: 0 }), RangeError);
    assert.throws(() => spcIcon('bogus' as VariationIcon), RangeError);
  });
});

describe('assuranceIconSvg', () => {
  it('uses P, F and ? for passing, failing and inconsistent, with names in words', () => {
    const letters = ASSURANCES.map((a) => letter(checked(assuranceIconSvg(a))));
    assert.deepEqual(letters, ['P', 'F', '?', '–']);
    assert.equal(checked(assuranceIconSvg('consistently-failing')).attributes['aria-label'], 'Assurance: the target will be missed consistently');
    assert.deepEqual(ASSURANCES.map((a) => checked(assuranceIconSvg(a)).attributes['aria-label']), ASSURANCES.map(assuranceIconName));
  });

  it('refuses an unknown assurance value', () => {
    assert.throws(() => assuranceIconSvg('bogus' as AssuranceIcon), RangeError);
  });
});
