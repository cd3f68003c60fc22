/**
 * Horizontal reference lines (mean, limits, target, benchmark) with labels at
 * their right-hand ends, spread apart so that close lines keep readable labels.
 *
 * @module
 */

import type { LinearScale } from './scale.ts';
import { spreadLabels } from './scale.ts';
import { charsFitting, num, textLabel } from './svg-frame.ts';

/** One horizontal reference line. */
export interface ReferenceLine {
  readonly value: number | null;
  /** Shown at the right-hand end of the line, e.g. "Mean 61.2%". */
  readonly label: string;
  readonly stroke: string;
  readonly dash?: string;
  readonly width?: number;
  /** Class on the `<line>`, for styling and tests (e.g. `limit`). */
  readonly className: string;
}

/**
 * Draws each line whose value is finite and inside `domain` from `left` to
 * `right`, and its label just right of `right`. Lines outside the domain (for
 * example a lower limit below 0% when the axis stops at 0%) are left out, as
 * are their labels. Labels longer than `labelWidth` are truncated with a tooltip.
 */
export function referenceLines(
  lines: readonly ReferenceLine[],
  y: LinearScale,
  domain: readonly [number, number],
  left: number,
  right: number,
  top: number,
  bottom: number,
  labelWidth: number,
): string {
  const shown = lines.filter(
    (l): l is ReferenceLine & { value: number } =>
      l.value !== null && Number.isFinite(l.value) && l.value >= domain[0] && l.value <= domain[1],
  );
  const labelYs = spreadLabels(
    shown.map((l) => y(l.value)),
    15,
    top,
    bottom,
  );
  const parts: string[] = [];
  const maxChars = charsFitting(labelWidth, 12);
  shown.forEach((line, i) => {
    const ly = y(line.value);
    const dash = line.dash === undefined ? '' : ` stroke-dasharray="${line.dash}"`;
    parts.push(
      `<line class="${line.className}" x1="${num(left)}" y1="${num(ly)}" x2="${num(right)}" y2="${num(ly)}" stroke="${line.stroke}" stroke-width="${line.width ?? 1.5}"${dash}/>`,
    );
    parts.push(
      textLabel(right + 6, labelYs[i] ?? ly, line.label, { baseline: 'middle', size: 12, fill: line.stroke, maxChars, className: `${line.className}-label` }),
    );
  });
  return parts.join('');
}
