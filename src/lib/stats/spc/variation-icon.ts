/**
 * Making Data Count "variation" icon for an XmR chart.
 *
 * @module
 */

import type { Polarity } from '../types.ts';
import { assertPolarity } from '../validation.ts';
import type { XmrChart } from './xmr-chart.ts';

/**
 * The seven Making Data Count variation icons:
 * - `'common-cause'` (grey): no special cause at the latest point;
 * - `'special-cause-improving-high'` / `'-low'` (blue): special cause in the good direction, high or low;
 * - `'special-cause-concerning-high'` / `'-low'` (orange): special cause in the bad direction;
 * - `'special-cause-neither-high'` / `'-low'` (purple): special cause where no direction is better.
 */
export type VariationIcon =
  | 'common-cause'
  | 'special-cause-improving-high'
  | 'special-cause-improving-low'
  | 'special-cause-concerning-high'
  | 'special-cause-concerning-low'
  | 'special-cause-neither-high'
  | 'special-cause-neither-low';

/**
 * The variation icon for a chart, judged on its latest point as NHSRplotthedots
 * (`geom_ptd_icon`, from `point_type` of the last point) and Making Data Count do.
 *
 * The latest point's special-cause direction ({@link XmrPoint.direction}: above/below
 * the mean, or the direction of a trend) is combined with the polarity: a high
 * signal is "improving" when higher is better, "concerning" when lower is better
 * and "neither" when there is no polarity; likewise for a low signal.
 *
 * Edge cases: returns `null` for an empty chart or one without process limits
 * (fewer than two baseline points), where variation cannot be judged.
 *
 * References: NHS England "Making Data Count: Getting started" (2019), variation
 * icons; NHSRplotthedots `ptd_calculate_point_type` and `geom_ptd_icon`.
 *
 * @param chart - the result of {@link xmrChart}.
 * @param polarity - which direction is good for the measure.
 * @throws RangeError for an unknown polarity.
 */
export function variationIcon(chart: XmrChart, polarity: Polarity): VariationIcon | null {
  assertPolarity(polarity);
  const latest = chart.points.at(-1);
  if (latest === undefined || chart.lowerLimit === null || chart.upperLimit === null) return null;
  if (!latest.specialCause || latest.direction === null) return 'common-cause';
  const direction = latest.direction;
  if (polarity === 'neither') return `special-cause-neither-${direction}`;
  const good = polarity === 'higher-is-better' ? 'high' : 'low';
  return direction === good ? `special-cause-improving-${direction}` : `special-cause-concerning-${direction}`;
}
