/**
 * Axes, gridlines and tick labels shared by the charts.
 *
 * @module
 */

import { formatTick, unitAxisTitle, type Unit } from './format-value.ts';
import { COLOURS } from './palette.ts';
import type { LinearScale, NiceDomain } from './scale.ts';
import { charsFitting, num, textLabel, textWidth } from './svg-frame.ts';

const TICK_FONT = 12;

/** A value axis: its nice domain, the scale built on it and the unit of its values. */
export interface ValueAxis {
  readonly nice: NiceDomain;
  readonly scale: LinearScale;
  readonly unit: Unit;
}

/**
 * A vertical value axis: horizontal gridlines across [left, right], tick labels
 * to the left of `left` and the unit's axis title above the plot.
 */
export function yAxis(axis: ValueAxis, left: number, right: number, top: number): string {
  const parts = [`<g class="axis axis--y" font-size="${TICK_FONT}">`];
  for (const tick of axis.nice.ticks) {
    const y = axis.scale(tick);
    parts.push(`<line x1="${num(left)}" y1="${num(y)}" x2="${num(right)}" y2="${num(y)}" stroke="${COLOURS.midGrey}" stroke-width="1"/>`);
    parts.push(textLabel(left - 6, y, formatTick(tick, axis.unit, axis.nice.step), { anchor: 'end', baseline: 'middle', fill: COLOURS.secondaryText }));
  }
  parts.push(textLabel(left - 6, top - 10, unitAxisTitle(axis.unit), { anchor: 'start', fill: COLOURS.secondaryText, className: 'axis-title' }));
  parts.push('</g>');
  return parts.join('');
}

/**
 * A horizontal value axis: vertical gridlines across [top, bottom], tick labels
 * below `bottom` and an axis title under them.
 */
export function xValueAxis(axis: ValueAxis, top: number, bottom: number, title: string, format?: (tick: number) => string): string {
  const parts = [`<g class="axis axis--x" font-size="${TICK_FONT}">`];
  const show = format ?? ((tick: number) => formatTick(tick, axis.unit, axis.nice.step));
  for (const tick of axis.nice.ticks) {
    const x = axis.scale(tick);
    parts.push(`<line x1="${num(x)}" y1="${num(top)}" x2="${num(x)}" y2="${num(bottom)}" stroke="${COLOURS.midGrey}" stroke-width="1"/>`);
    parts.push(textLabel(x, bottom + 16, show(tick), { anchor: 'middle', fill: COLOURS.secondaryText }));
  }
  const [lo, hi] = axis.nice.domain;
  parts.push(textLabel((axis.scale(lo) + axis.scale(hi)) / 2, bottom + 34, title, { anchor: 'middle', fill: COLOURS.secondaryText, className: 'axis-title' }));
  parts.push('</g>');
  return parts.join('');
}

/** Longest category label kept before truncating (the full text stays in a tooltip). */
export const MAX_CATEGORY_CHARS = 12;

/**
 * Which category labels to show so they do not overlap: every k-th, counted back
 * from the last so the latest period is always labelled.
 *
 * @param labels - the labels in order.
 * @param spacing - distance between neighbouring categories.
 */
export function thinnedIndexes(labels: readonly string[], spacing: number): number[] {
  const n = labels.length;
  if (n === 0) return [];
  const longest = Math.min(MAX_CATEGORY_CHARS, Math.max(...labels.map((l) => [...l].length)));
  const needed = longest * TICK_FONT * 0.56 + 10;
  const every = spacing > 0 && Number.isFinite(spacing) ? Math.max(1, Math.ceil(needed / spacing)) : 1;
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) if ((n - 1 - i) % every === 0) out.push(i);
  return out;
}

/**
 * A category (time period) axis along `y`: a baseline from `left` to `right`,
 * and tick marks and labels for the categories {@link thinnedIndexes} keeps.
 */
export function xCategoryAxis(labels: readonly string[], x: LinearScale, y: number, left: number, right: number): string {
  const spacing = labels.length > 1 ? Math.abs(x(1) - x(0)) : Number.POSITIVE_INFINITY;
  const parts = [`<g class="axis axis--x" font-size="${TICK_FONT}">`];
  parts.push(`<line x1="${num(left)}" y1="${num(y)}" x2="${num(right)}" y2="${num(y)}" stroke="${COLOURS.secondaryText}" stroke-width="1"/>`);
  const maxChars = Number.isFinite(spacing) ? MAX_CATEGORY_CHARS : charsFitting(right - left, TICK_FONT);
  for (const i of thinnedIndexes(labels, spacing)) {
    const cx = x(i);
    const label = labels[i] ?? '';
    // Keep the first and last labels inside the plot edges.
    const half = Math.min(textWidth(label, TICK_FONT), maxChars * TICK_FONT * 0.56) / 2;
    const lx = Math.min(Math.max(cx, left + half - 20), right + 40 - half);
    parts.push(`<line x1="${num(cx)}" y1="${num(y)}" x2="${num(cx)}" y2="${num(y + 5)}" stroke="${COLOURS.secondaryText}" stroke-width="1"/>`);
    parts.push(textLabel(lx, y + 19, label, { anchor: 'middle', maxChars, className: 'category-label' }));
  }
  parts.push('</g>');
  return parts.join('');
}
