// npm run bench:charts: time to render each chart at 60 points (processor time, median of batches).
import { comparisonChart, funnelPlot, intervalBars, spcChart } from '../src/lib/svg/index.ts';

function medianMs(render: () => unknown, batches = 9, runs = 200): number {
  const times: number[] = [];
  for (let b = 0; b < batches; b += 1) {
    const start = process.cpuUsage();
    for (let r = 0; r < runs; r += 1) render();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000 / runs);
  }
  return times.sort((a, c) => a - c)[Math.floor(batches / 2)]!;
}

const labels = Array.from({ length: 60 }, (_, i) => `M${i + 1}`);
const text = { title: 'Bench chart', summary: 'A chart for the benchmark.' };
const spc = () => spcChart({ id: 'b', ...text, points: labels.map((label, i) => ({ label, value: 50 + ((i * 7) % 11), specialCause: i > 52, rules: [] })), mean: 55, lowerLimit: 45, upperLimit: 65, target: 60, polarity: 'higher-is-better', unit: 'percent' });
const funnel = () => funnelPlot({ id: 'b', ...text, benchmark: 50, unit: 'percent', points: labels.map((label, i) => ({ label, numerator: 40 + i, denominator: 100 + i * 40, value: ((40 + i) / (100 + i * 40)) * 100 })), limits: labels.map((_, i) => ({ n: 100 + i * 40, lower95: 40, upper95: 60, lower998: 35, upper998: 65 })) });
const bars = () => intervalBars({ id: 'b', ...text, unit: 'percent', benchmark: 50, rows: labels.map((label, i) => ({ label, value: 40 + (i % 20), lower: 35 + (i % 20), upper: 45 + (i % 20), comparison: 'similar' as const })) });
const lines = () => comparisonChart({ id: 'b', ...text, unit: 'percent', series: ['local', 'national', 'comparator'].map((style, k) => ({ name: style, style: style as 'local', points: labels.map((label, i) => ({ label, value: 50 + k + (i % 7) })) })) });

console.log('chart (60 points)           median ms per render');
for (const [name, render] of [['SPC chart', spc], ['funnel plot', funnel], ['interval bars', bars], ['comparison chart (3 series)', lines]] as const) {
  console.log(`${name.padEnd(28)}${medianMs(render).toFixed(3)}`);
}
