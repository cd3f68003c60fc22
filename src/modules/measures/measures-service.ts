import { evaluateMeasure, type MeasureEvaluation, type SeriesPoint } from '../../measures/evaluate-measure.ts';
import type { MeasureDefinition, MeasureKind, PeriodGrain, Polarity } from '../../measures/measure-definition.ts';
import { loadNationalFigures, nationalSeries, type NationalFigure, type SeriesKey } from '../../measures/national-figures.ts';
import { syntheticMeasureSeries } from '../../measures/synthetic-series.ts';
import type { MeasuresRepository } from './measures-repository.ts';
import { protectMeasure } from './measure-disclosure.ts';
import type { MeasureEdit } from './measures-forms.ts';
import type { AuditService } from '../audit/index.ts';

type MeasureRow = Awaited<ReturnType<MeasuresRepository['list']>>[number];

export interface SeedDefinitionEntry {
  at: readonly [number, number, number];
  description: string;
  definition: MeasureDefinition;
}

/** Areas used for the synthetic demonstration breakdowns of each example partnership. */
const DEMO_AREAS: Record<string, string[]> = { essex: ['North', 'Mid', 'South', 'West'], 'southend-on-sea': ['Central', 'East', 'West'] };

export interface MeasureView {
  id: string;
  slug: string;
  title: string;
  description: string;
  kind: MeasureKind;
  unit: string;
  polarity: Polarity;
  periodGrain: PeriodGrain;
  breakdowns: string[];
  source: string | null;
  baseline: { text: string | null; value: number | null; n: number | null; period: string | null };
  target: { text: string | null; value: number | null; on: string | null; relative: string | null };
  plan: { id: string; title: string; partnership: string };
  outcome: { id: string; statement: string; priority: string };
  synthetic: boolean;
}

export class MeasuresService {
  #national: NationalFigure[] | undefined;

  #seriesVersion = 0;

  /** Called when values of any series change outside this service (approved returns, casework), so caches refresh. */
  seriesChanged(): void {
    this.#seriesVersion += 1;
  }

  /** Changes whenever a series may have changed; pages cache evaluations against it. */
  seriesVersion(): number {
    return this.#seriesVersion;
  }

  constructor(
    private readonly repository: MeasuresRepository,
    private readonly today: () => string,
    private readonly audit: AuditService,
    /** The partnership's disclosure policy threshold (container: disclosure.threshold), the floor of every measure's. */
    private readonly disclosureFloor: (partnershipId: string) => Promise<number> = async () => 5,
    /**
     * For a measure computed from a casework indicator: why the indicator's own disclosure control hides a figure
     * (container: casework.linkedFigureReasons), so that the measure page hides at least what the indicator pages hide.
     */
    private readonly linkedReasons?: (partnershipId: string, indicatorId: string) => Promise<((grain: string, periodStart: string, breakdown: string, breakdownValue: string) => string | null) | undefined>,
  ) {}

  /** The smallest "hide counts below" a measure of the partnership may have (its disclosure policy). */
  suppressionFloor(partnershipId: string): Promise<number> {
    return this.disclosureFloor(partnershipId);
  }

  private national(): NationalFigure[] {
    this.#national ??= loadNationalFigures();
    return this.#national;
  }

  /** Applies seed definitions to a plan's measures; returns the descriptions that matched no measure. */
  async defineMeasures(planId: string, entries: readonly SeedDefinitionEntry[]): Promise<string[]> {
    const missing: string[] = [];
    for (const entry of entries) {
      if (!(await this.repository.define(planId, entry.at, entry.definition, entry.description))) missing.push(entry.description);
    }
    return missing;
  }

  /**
   * Deterministic synthetic series for defined measures without values (demonstration only, flagged synthetic):
   * near England's figure of the same definition and period where there is one, and only for periods that ended
   * before today (src/measures/synthetic-series.ts).
   */
  async addSyntheticSeries(partnershipSlug: string): Promise<number> {
    let added = 0;
    for (const m of await this.repository.list({ partnershipSlug })) {
      if (!m.slug || !m.kind || (await this.repository.hasValues(m.partnership_id, m.id))) continue;
      let national: { period: string; value: number }[] = [];
      try {
        if (m.national_comparator) national = nationalSeries(this.national(), m.national_comparator as SeriesKey).map((f) => ({ period: f.period, value: f.value }));
      } catch {
        national = [];
      }
      const generated = syntheticMeasureSeries({
        slug: m.slug, kind: m.kind as MeasureKind, unit: m.unit ?? 'count', polarity: m.polarity ?? 'neither', grain: (m.period_grain ?? 'quarter') as PeriodGrain,
        today: this.today(), baselineValue: m.baseline_value === null ? null : Number(m.baseline_value), national,
        areas: (m.breakdowns as string[]).includes('area') ? DEMO_AREAS[m.partnership_slug] ?? ['North', 'South'] : [],
      });
      const rows = [...generated.overall, ...generated.areas.flatMap((a) => a.points.map((p) => ({ ...p, breakdown: 'area', breakdownValue: a.area })))];
      await this.repository.insertValues(m.partnership_id, m.id, rows, 'synthetic demonstration data', true);
      added += 1;
    }
    return added;
  }

  async list(partnershipSlug?: string): Promise<MeasureView[]> {
    const rows = await this.repository.list(partnershipSlug ? { partnershipSlug } : {});
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async listForPlan(partnershipId: string, planId: string): Promise<MeasureView[]> {
    return Promise.all((await this.repository.list({ partnershipId, planId })).map((r) => this.view(r)));
  }

  private async view(r: MeasureRow): Promise<MeasureView> {
    return {
      id: r.id,
      slug: r.slug!,
      title: r.title ?? r.description,
      description: r.description,
      kind: r.kind as MeasureKind,
      unit: r.unit ?? 'count',
      polarity: (r.polarity ?? 'neither') as Polarity,
      periodGrain: (r.period_grain ?? 'quarter') as PeriodGrain,
      breakdowns: r.breakdowns as string[],
      source: r.source,
      baseline: { text: r.baseline_text, value: r.baseline_value === null ? null : Number(r.baseline_value), n: r.baseline_n, period: r.baseline_period },
      target: { text: r.target, value: r.target_value === null ? null : Number(r.target_value), on: r.target_on, relative: r.target_relative },
      plan: { id: r.plan_slug, title: r.plan_title, partnership: r.partnership_slug },
      outcome: { id: r.outcome_ref, statement: r.outcome_statement, priority: r.priority_title },
      synthetic: false,
    };
  }

  /** Saves a plan editor's changes to a measure's definition, with an audit record. */
  async updateDefinition(actor: { personId: string; email: string; ip: string | null }, partnershipId: string, measureId: string, edit: MeasureEdit): Promise<void> {
    const floor = await this.disclosureFloor(partnershipId);
    if (edit.suppressionThreshold < floor) throw new RangeError(`The suppression threshold must be ${floor} or more (the partnership's disclosure policy)`);
    await this.repository.updateDefinition(partnershipId, measureId, edit);
    await this.audit.record({ partnershipId, actorPersonId: actor.personId, actor: actor.email, action: 'measure.updated', recordType: 'measure', recordId: measureId, ip: actor.ip, details: { ...edit } });
  }

  /** Evaluates a measure found by its id (slug) alone, for the command line; throws when ambiguous. */
  async evaluateBySlug(slug: string, partnershipSlug?: string) {
    const rows = (await this.repository.list(partnershipSlug ? { partnershipSlug } : {})).filter((r) => r.slug === slug);
    if (rows.length > 1) throw new Error(`More than one partnership has a measure "${slug}": name one with --partnership`);
    const row = rows[0];
    return row ? this.evaluate(row.partnership_id, slug) : undefined;
  }

  /**
   * A measure computed from a casework indicator shows figures the indicator's pages show too (its series) or that
   * are in the indicator's protected table (its latest period by area): every one the indicator hides stays hidden
   * here, whatever this page's own protection chose, since hiding more never helps an attacker.
   */
  async #alsoHiddenByIndicator<P extends { series: SeriesPoint[]; areas: (SeriesPoint & { area: string })[] }>(partnershipId: string, computedFrom: string | null, grain: string | null, figures: P): Promise<P> {
    if (!computedFrom?.startsWith('casework:') || !grain || !this.linkedReasons) return figures;
    const reasonOf = await this.linkedReasons(partnershipId, computedFrom.slice('casework:'.length));
    if (!reasonOf) return figures;
    const start = (p: SeriesPoint) => String(p.periodStart ?? '').slice(0, 10);
    const hide = <T extends SeriesPoint>(p: T, breakdown: string, value: string): T => {
      const reason = p.suppressed ? null : reasonOf(grain, start(p), breakdown, value);
      return reason ? { ...p, suppressed: reason } : p;
    };
    return { ...figures, series: figures.series.map((p) => hide(p, '', '')), areas: figures.areas.map((a) => hide(a, 'area', a.area)) };
  }

  /** A measure with its series, national comparator and evaluation; undefined when there is no such measure. */
  async evaluate(partnershipId: string, slug: string, planId?: string) {
    const row = await this.repository.find(partnershipId, slug, planId);
    if (!row?.slug) return undefined;
    const measure = await this.view(row);
    const stored = await this.repository.values(partnershipId, row.id);
    // A series is all synthetic or all real: approving a return or casework removes the demonstration points
    // (ReturnsWriter.publishToSeries, src/casework/measure-sync-sql.ts); any left beside real ones are not shown.
    const values = stored.some((v) => !v.synthetic) ? stored.filter((v) => !v.synthetic) : stored;
    // a threshold stored below the policy (set before it, or lowered since) is shown at the policy's
    const suppressionThreshold = Math.max(row.suppression_threshold, await this.disclosureFloor(partnershipId));
    const toPoint = (v: (typeof values)[number]): SeriesPoint => ({ period: v.period, periodStart: v.period_start, numerator: v.numerator === null ? null : Number(v.numerator), denominator: v.denominator === null ? null : Number(v.denominator), value: v.value === null ? null : Number(v.value), revised: v.revised });
    const whole = values.filter((v) => v.breakdown === '').map(toPoint);
    const latestPeriod = whole.at(-1)?.period;
    // everything the page, its CSV and the dashboard show, protected as one table at the threshold chosen above
    const protectedFigures = protectMeasure(whole, values.filter((v) => v.breakdown === 'area' && v.period === latestPeriod).map((v) => ({ ...toPoint(v), area: v.breakdown_value })), suppressionThreshold);
    const { series: overall, areas } = await this.#alsoHiddenByIndicator(partnershipId, row.computed_from, row.period_grain, protectedFigures);
    let national: { period: string; value: number }[] = [];
    if (row.national_comparator) {
      try {
        national = nationalSeries(this.national(), row.national_comparator as SeriesKey).map((f) => ({ period: f.period, value: f.value }));
      } catch {
        national = [];
      }
    }
    const evaluation: MeasureEvaluation = evaluateMeasure({
      kind: measure.kind,
      unit: measure.unit,
      polarity: measure.polarity,
      suppressionThreshold,
      baseline: { value: measure.baseline.value, n: measure.baseline.n, period: measure.baseline.period },
      target: { value: measure.target.value, on: measure.target.on, relative: measure.target.relative },
      series: overall,
      areas,
      national,
    });
    return { measure: { ...measure, synthetic: values.some((v) => v.synthetic) }, suppressionThreshold, series: overall, areas, national, evaluation, revisedPeriods: values.filter((v) => v.revised).map((v) => v.period) };
  }
}
