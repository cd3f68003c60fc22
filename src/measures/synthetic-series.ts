import { seededRandomFromText } from '../lib/random/seeded-random.ts';
import type { MeasureKind, PeriodGrain } from './measure-definition.ts';

/** Deterministic pseudo-random numbers seeded from a text, so demo data never changes. */
export const seededRandom = seededRandomFromText;

export interface SyntheticPoint {
  period: string;
  periodStart: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** The last `count` periods of a grain ending with the one containing `endOn`, oldest first. */
export function recentPeriods(grain: PeriodGrain, endOn: string, count: number): { period: string; periodStart: string }[] {
  const [y, m] = endOn.split('-').map(Number) as [number, number];
  const out: { period: string; periodStart: string }[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    if (grain === 'month') {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      out.push({ period: d.toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }), periodStart: d.toISOString().slice(0, 10) });
    } else if (grain === 'quarter') {
      const q0 = Math.floor((m - 1) / 3) - i;
      const year = y + Math.floor(q0 / 4);
      const q = ((q0 % 4) + 4) % 4;
      out.push({ period: `${year} Q${q + 1}`, periodStart: `${year}-${String(q * 3 + 1).padStart(2, '0')}-01` });
    } else {
      out.push({ period: String(y - i), periodStart: `${y - i}-01-01` });
    }
  }
  return out;
}

/**
 * A plausible synthetic series for a measure, for the demonstration dashboard only (labelled as such
 * wherever shown): a level that drifts towards the measure's good direction, with binomial-like noise.
 */
export function syntheticSeries(input: { slug: string; kind: MeasureKind; polarity: string; grain: PeriodGrain; endOn: string; baselineValue?: number | null; area?: string }): SyntheticPoint[] {
  const random = seededRandom(`${input.slug}|${input.area ?? ''}`);
  const count = input.grain === 'month' ? 24 : input.grain === 'quarter' ? 12 : 6;
  const periods = recentPeriods(input.grain, input.endOn, count);
  const good = input.polarity === 'lower-is-better' ? -1 : 1;
  const drift = (random() - 0.3) * 0.012 * good;
  if (input.kind === 'milestone') {
    const doneAt = Math.floor(count * (0.4 + random() * 0.8));
    return periods.map((p, i) => ({ ...p, numerator: null, denominator: null, value: i >= doneAt ? 1 : 0 }));
  }
  if (input.kind === 'duration' || input.kind === 'gap') {
    let level = input.baselineValue ?? 10 + random() * 30;
    return periods.map((p) => {
      level = Math.max(0.5, level * (1 - drift * 4) + (random() - 0.5) * level * 0.08);
      return { ...p, numerator: null, denominator: null, value: Math.round(level * 10) / 10 };
    });
  }
  const scale = input.area ? 0.3 + random() * 0.4 : 1;
  const denominatorBase = Math.round((80 + random() * 900) * scale);
  if (input.kind === 'count' || input.kind === 'rate') {
    let level = input.baselineValue ?? 8 + random() * 60;
    return periods.map((p) => {
      level = Math.max(0, level * (1 + drift) + (random() - 0.5) * Math.sqrt(level) * 1.5);
      return { ...p, numerator: Math.round(level), denominator: input.kind === 'rate' ? denominatorBase * 40 : null, value: null };
    });
  }
  let share = Math.min(0.95, Math.max(0.05, (input.baselineValue ?? 35 + random() * 40) / 100));
  return periods.map((p) => {
    share = Math.min(0.97, Math.max(0.03, share + drift + (random() - 0.5) * 0.02));
    const denominator = Math.max(10, Math.round(denominatorBase * (0.85 + random() * 0.3)));
    return { ...p, denominator, numerator: Math.round(share * denominator), value: null };
  });
}
