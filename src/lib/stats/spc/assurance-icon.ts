/**
 * Making Data Count "assurance" icon: can the process be relied on to meet a target?
 *
 * @module
 */

import type { Polarity } from '../types.ts';
import { assertFinite, assertPolarity } from '../validation.ts';
import type { XmrChart } from './xmr-chart.ts';

/**
 * The three Making Data Count assurance icons:
 * - `'consistently-passing'` (blue P): the target lies outside the process limits on the bad side,
 *   so every expected value meets it;
 * - `'consistently-failing'` (orange F): the target lies outside the limits on the good side,
 *   so no expected value meets it without a change to the process;
 * - `'inconsistent'` (grey): the target lies within the limits (inclusive), so the process
 *   will hit and miss it at random.
 */
export type AssuranceIcon = 'consistently-passing' | 'consistently-failing' | 'inconsistent';

/**
 * The assurance icon for a chart and a target, as NHSRplotthedots
 * `ptd_calculate_assurance_type` computes it: with higher-is-better, a target above
 * the upper process limit is consistently failed and one below the lower limit is
 * consistently passed; with lower-is-better the reverse; anything else
 * (including a target exactly on a limit) is inconsistent.
 *
 * Units: the target is in the units of the charted values.
 *
 * Edge cases: returns `null` when there is no target (null/undefined), when the
 * polarity is `'neither'` (a target has no pass/fail meaning), or when the chart
 * has no process limits (empty, or fewer than two baseline points).
 *
 * References: NHS England "Making Data Count: Getting started" (2019), assurance
 * icons; NHSRplotthedots `ptd_calculate_assurance_type`.
 *
 * @param chart - the result of {@link xmrChart}.
 * @param target - the target value, or null/undefined when there is none.
 * @param polarity - which direction is good for the measure.
 * @throws RangeError for a non-finite target or an unknown polarity.
 */
export function assuranceIcon(
  chart: XmrChart,
  target: number | null | undefined,
  polarity: Polarity,
): AssuranceIcon | null {
  assertPolarity(polarity);
  if (target === null || target === undefined) return null;
  assertFinite('target', target);
  if (polarity === 'neither' || chart.lowerLimit === null || chart.upperLimit === null) return null;
  const higherIsBetter = polarity === 'higher-is-better';
  if (target > chart.upperLimit) return higherIsBetter ? 'consistently-failing' : 'consistently-passing';
  if (target < chart.lowerLimit) return higherIsBetter ? 'consistently-passing' : 'consistently-failing';
  return 'inconsistent';
}
