import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { MeasureDefinition } from '../../measures/measure-definition.ts';
import type { MeasureEdit } from './measures-forms.ts';

/** The measures columns a definition sets (shared by the seed overlay and the edit form). */
function definitionColumns(def: MeasureEdit) {
  return {
    title: def.title,
    kind: def.kind,
    unit: def.unit,
    polarity: def.polarity,
    period_grain: def.periodGrain,
    breakdowns: JSON.stringify(def.breakdowns),
    suppression_threshold: def.suppressionThreshold,
    baseline_value: def.baselineValue ?? null,
    baseline_n: def.baselineN ?? null,
    baseline_period: def.baselinePeriod ?? null,
    target_value: def.targetValue ?? null,
    target_on: def.targetOn ?? null,
    target_relative: def.targetRelative ?? null,
  };
}

/** Defined measures and their values; every query is scoped by partnership. */
export class MeasuresRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  private base() {
    return this.db
      .selectFrom('measures')
      .innerJoin('outcomes', 'outcomes.id', 'measures.outcome_id')
      .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
      .innerJoin('plans', 'plans.id', 'priorities.plan_id')
      .innerJoin('partnerships', 'partnerships.id', 'plans.partnership_id')
      .selectAll('measures')
      .select([
        'plans.slug as plan_slug', 'plans.title as plan_title', 'plans.id as plan_id', 'partnerships.slug as partnership_slug',
        'outcomes.statement as outcome_statement', 'outcomes.id as outcome_ref', 'outcomes.position as outcome_position',
        'priorities.title as priority_title', 'priorities.position as priority_position',
      ]);
  }

  /** Defined measures (those with a slug), optionally of one partnership or plan, in plan order. */
  list(filter: { partnershipSlug?: string; planId?: string; partnershipId?: string } = {}) {
    let q = this.base().where('measures.slug', 'is not', null);
    if (filter.partnershipSlug) q = q.where('partnerships.slug', '=', filter.partnershipSlug);
    if (filter.partnershipId) q = q.where('measures.partnership_id', '=', filter.partnershipId);
    if (filter.planId) q = q.where('plans.id', '=', filter.planId);
    return q.orderBy('plans.slug').orderBy('priorities.position').orderBy('outcomes.position').orderBy('measures.position').execute();
  }

  find(partnershipId: string, slug: string, planId?: string) {
    let q = this.base().where('measures.partnership_id', '=', partnershipId).where('measures.slug', '=', slug);
    if (planId) q = q.where('plans.id', '=', planId);
    return q.executeTakeFirst();
  }

  /** Gives the plan measure at (priority, outcome, measure) positions its definition; false if there is none there. */
  async define(planId: string, at: readonly [number, number, number], def: MeasureDefinition, description: string): Promise<boolean> {
    const target = await this.db
      .selectFrom('measures')
      .innerJoin('outcomes', 'outcomes.id', 'measures.outcome_id')
      .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
      .select(['measures.id', 'measures.partnership_id'])
      .where('priorities.plan_id', '=', planId)
      .where('priorities.position', '=', at[0])
      .where('outcomes.position', '=', at[1])
      .where('measures.position', '=', at[2])
      .where('measures.description', '=', description)
      .executeTakeFirst();
    if (!target) return false;
    await this.db
      .updateTable('measures')
      .set({
        ...definitionColumns(def),
        // the seed keeps the plan's own baseline figures unless the definition gives them
        ...(def.baselineValue === undefined ? { baseline_value: undefined } : {}),
        ...(def.baselineN === undefined ? { baseline_n: undefined } : {}),
        ...(def.baselinePeriod === undefined ? { baseline_period: undefined } : {}),
        slug: def.slug,
        national_comparator: def.nationalComparator ? JSON.stringify(def.nationalComparator) : null,
        measure_references: JSON.stringify(def.references),
        computed_from: def.computedFrom ?? null,
      })
      .where('partnership_id', '=', target.partnership_id)
      .where('id', '=', target.id)
      .execute();
    return true;
  }

  /** Saves an edited definition; the plan's own words (description, baseline text) are never changed. */
  async updateDefinition(partnershipId: string, measureId: string, def: MeasureEdit): Promise<void> {
    await this.db
      .updateTable('measures')
      .set(definitionColumns(def))
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', measureId)
      .execute();
  }

  async hasValues(partnershipId: string, measureId: string): Promise<boolean> {
    return (await this.db.selectFrom('measure_values').select('id').where('partnership_id', '=', partnershipId).where('measure_id', '=', measureId).limit(1).executeTakeFirst()) !== undefined;
  }

  async insertValues(partnershipId: string, measureId: string, rows: { period: string; periodStart: string; breakdown?: string; breakdownValue?: string; numerator: number | null; denominator: number | null; value: number | null }[], source: string, synthetic: boolean): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('measure_values')
      .values(rows.map((r) => ({ partnership_id: partnershipId, measure_id: measureId, period: r.period, period_start: r.periodStart, breakdown: r.breakdown ?? '', breakdown_value: r.breakdownValue ?? '', numerator: r.numerator, denominator: r.denominator, value: r.value, source, synthetic })))
      .execute();
  }

  /** The latest revision of every value of a measure, oldest period first. */
  async values(partnershipId: string, measureId: string) {
    const rows = await this.db
      .selectFrom('measure_values')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('measure_id', '=', measureId)
      .orderBy('period_start')
      .orderBy('breakdown_value')
      .orderBy('revision', 'desc')
      .execute();
    const seen = new Set<string>();
    return rows.filter((r) => {
      const key = `${r.period}|${r.breakdown}|${r.breakdown_value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).map((r) => ({ ...r, revised: r.revision > 1 }));
  }
}
