/**
 * Public entry point of the SVG chart library: pure functions that return
 * accessible, server-rendered SVG strings for measure pages. Nothing is cached
 * here; callers cache the output if they need to. Import from here rather than
 * from the individual modules.
 *
 * @module
 */

export { escapeXml } from './escape-xml.ts';
export { formatValue, formatTick, unitAxisTitle, unitBounds, ratePer } from './format-value.ts';
export type { Unit, FormatOptions } from './format-value.ts';
export type { ChartText } from './svg-frame.ts';

export { spcChart, spcPointKind } from './spc-chart.ts';
export type { SpcChartInput, SpcChartPoint, SpcPointKind } from './spc-chart.ts';
export { funnelPlot, funnelBand } from './funnel-plot.ts';
export type { FunnelPlotInput, FunnelPoint, FunnelLimitRow, FunnelBand } from './funnel-plot.ts';
export { intervalBars } from './interval-bars.ts';
export type { IntervalBarsInput, IntervalRow } from './interval-bars.ts';
export { comparisonChart } from './comparison-chart.ts';
export type { ComparisonChartInput, ComparisonSeries } from './comparison-chart.ts';
export { spcIcon, assuranceIconSvg, variationIconName, assuranceIconName } from './icons.ts';
export type { IconOptions } from './icons.ts';
