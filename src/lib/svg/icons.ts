/**
 * Small inline icons for the Making Data Count "variation" and "assurance"
 * judgements. Meaning is carried by a letter (H, L, P, F, ?) and an arrow as well
 * as by colour, and each icon has an accessible name.
 *
 * @module
 */

import type { AssuranceIcon, VariationIcon } from '../stats/index.ts';
import { escapeXml } from './escape-xml.ts';
import { COLOURS, FONT_STACK } from './palette.ts';
import { num } from './svg-frame.ts';

/** Options for the icons. */
export interface IconOptions {
  /** Width and height in CSS pixels; default 40. */
  readonly size?: number;
}

interface IconParts {
  readonly name: string;
  readonly modifier: string;
  readonly fill: string;
  /** Colour of the letter and arrow: white on dark fills, near-black on orange. */
  readonly ink: string;
  readonly letter: string;
  readonly arrow: 'up' | 'down' | null;
  /** Draw a zigzag (common cause) instead of a letter. */
  readonly zigzag?: boolean;
  readonly dashedRing?: boolean;
}

const VARIATION: Readonly<Record<VariationIcon, IconParts>> = {
  'common-cause': { name: 'Common cause variation', modifier: 'common-cause', fill: COLOURS.grey, ink: COLOURS.white, letter: '', arrow: null, zigzag: true },
  'special-cause-improving-high': { name: 'Special cause variation: improvement, high', modifier: 'improving-high', fill: COLOURS.blue, ink: COLOURS.white, letter: 'H', arrow: 'up' },
  'special-cause-improving-low': { name: 'Special cause variation: improvement, low', modifier: 'improving-low', fill: COLOURS.blue, ink: COLOURS.white, letter: 'L', arrow: 'down' },
  'special-cause-concerning-high': { name: 'Special cause variation: concern, high', modifier: 'concerning-high', fill: COLOURS.orange, ink: COLOURS.text, letter: 'H', arrow: 'up' },
  'special-cause-concerning-low': { name: 'Special cause variation: concern, low', modifier: 'concerning-low', fill: COLOURS.orange, ink: COLOURS.text, letter: 'L', arrow: 'down' },
  'special-cause-neither-high': { name: 'Special cause variation: neither improvement nor concern, high', modifier: 'neither-high', fill: COLOURS.purple, ink: COLOURS.white, letter: 'H', arrow: 'up' },
  'special-cause-neither-low': { name: 'Special cause variation: neither improvement nor concern, low', modifier: 'neither-low', fill: COLOURS.purple, ink: COLOURS.white, letter: 'L', arrow: 'down' },
};

const ASSURANCE: Readonly<Record<AssuranceIcon, IconParts>> = {
  'consistently-passing': { name: 'Assurance: the target will be met consistently', modifier: 'passing', fill: COLOURS.blue, ink: COLOURS.white, letter: 'P', arrow: null },
  'consistently-failing': { name: 'Assurance: the target will be missed consistently', modifier: 'failing', fill: COLOURS.orange, ink: COLOURS.text, letter: 'F', arrow: null },
  inconsistent: { name: 'Assurance: the target will be met and missed at random', modifier: 'inconsistent', fill: COLOURS.grey, ink: COLOURS.white, letter: '?', arrow: null },
};

const NO_VARIATION: IconParts = { name: 'Variation not assessed: not enough data', modifier: 'none', fill: COLOURS.white, ink: COLOURS.grey, letter: '–', arrow: null, dashedRing: true };
const NO_ASSURANCE: IconParts = { name: 'Assurance not assessed: no target', modifier: 'none', fill: COLOURS.white, ink: COLOURS.grey, letter: '–', arrow: null, dashedRing: true };

function icon(kind: 'variation' | 'assurance', parts: IconParts, options: IconOptions): string {
  const size = options.size ?? 40;
  if (!(size > 0) || !Number.isFinite(size)) throw new RangeError(`size must be a positive number (got ${size})`);
  // Orange fill is under 3:1 against white, so every icon gets a dark outline.
  const ring = parts.dashedRing
    ? `<circle cx="20" cy="20" r="18" fill="${COLOURS.white}" stroke="${COLOURS.grey}" stroke-width="2" stroke-dasharray="4 3"/>`
    : `<circle cx="20" cy="20" r="18" fill="${parts.fill}" stroke="${COLOURS.text}" stroke-width="1.5"/>`;
  const letterX = parts.arrow === null ? 20 : 14.5;
  const body = parts.zigzag
    ? `<path class="icon-zigzag" d="M8 22L13 17L18 24L23 15L28 23L32 19" fill="none" stroke="${parts.ink}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`
    : `<text class="icon-letter" x="${letterX}" y="20" text-anchor="middle" dominant-baseline="central" font-size="19" font-weight="bold" fill="${parts.ink}">${escapeXml(parts.letter)}</text>`;
  const arrow =
    parts.arrow === null
      ? ''
      : `<path class="icon-arrow icon-arrow--${parts.arrow}" d="${parts.arrow === 'up' ? 'M28 29V12M23.5 16.5L28 12L32.5 16.5' : 'M28 11V28M23.5 23.5L28 28L32.5 23.5'}" fill="none" stroke="${parts.ink}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-spc-icon app-spc-icon--${kind} app-spc-icon--${parts.modifier}" role="img"` +
    ` aria-label="${escapeXml(parts.name)}" viewBox="0 0 40 40" width="${num(size)}" height="${num(size)}" focusable="false"` +
    ` font-family="${escapeXml(FONT_STACK)}"><title>${escapeXml(parts.name)}</title>${ring}${body}${arrow}</svg>`
  );
}

/**
 * The accessible name of a variation icon, e.g. "Special cause variation:
 * improvement, high", for use in tables and text next to the icon.
 */
export function variationIconName(variation: VariationIcon | null): string {
  return (variation === null ? NO_VARIATION : VARIATION[variation]).name;
}

/** The accessible name of an assurance icon, e.g. "Assurance: the target will be met consistently". */
export function assuranceIconName(assurance: AssuranceIcon | null): string {
  return (assurance === null ? NO_ASSURANCE : ASSURANCE[assurance]).name;
}

/**
 * A Making Data Count variation icon as inline SVG (`role="img"` with an
 * `aria-label` and a `<title>` tooltip): grey with a zigzag for common cause;
 * blue (improvement), orange (concern) or purple (neither) with "H" and an up
 * arrow for a high signal or "L" and a down arrow for a low one. `null` (not
 * enough data) gives a dashed grey ring with a dash.
 *
 * @param variation - from `variationIcon`.
 * @param options - see {@link IconOptions}.
 * @throws RangeError for an unknown variation or an invalid size.
 */
export function spcIcon(variation: VariationIcon | null, options: IconOptions = {}): string {
  const parts = variation === null ? NO_VARIATION : VARIATION[variation];
  if (parts === undefined) throw new RangeError(`unknown variation icon ${String(variation)}`);
  return icon('variation', parts, options);
}

/**
 * A Making Data Count assurance icon as inline SVG: blue "P" (the target will
 * be met consistently), orange "F" (missed consistently) or grey "?" (met and
 * missed at random). `null` (no target, or no polarity) gives a dashed grey ring.
 *
 * @param assurance - from `assuranceIcon`.
 * @param options - see {@link IconOptions}.
 * @throws RangeError for an unknown assurance value or an invalid size.
 */
export function assuranceIconSvg(assurance: AssuranceIcon | null, options: IconOptions = {}): string {
  const parts = assurance === null ? NO_ASSURANCE : ASSURANCE[assurance];
  if (parts === undefined) throw new RangeError(`unknown assurance icon ${String(assurance)}`);
  return icon('assurance', parts, options);
}
