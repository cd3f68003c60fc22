import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { ReturnRow, Schedule, ValueShape } from './return-layout.ts';

export interface NewSchedule {
  slug: string;
  measureId: string;
  organisationId: string;
  grain: Schedule['grain'];
  shape: ValueShape;
  breakdown: string;
  breakdownValues: string[];
  deadlineDays: number;
  firstPeriodStart: string;
  lastPeriodStart?: string | null;
  guidance?: string;
}

export interface NewRevision {
  action: 'saved' | 'submitted' | 'approved' | 'returned';
  channel: 'form' | 'upload' | 'api' | 'command-line' | 'review';
  actor: string;
  actorPersonId: string | null;
  note?: string;
  reason?: string | null;
  fileName?: string | null;
}

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/** Rows per INSERT when writing return values: 4 parameters a row, well under PostgreSQL's 65,535. */
const VALUE_BATCH = 5_000;

/** Writes that belong to one transaction (a save, an approval); nothing here commits on its own. */
export class ReturnsWriter {
  constructor(private readonly trx: Transaction<Schema>) {}

  /** Locks the schedule's return for the period (creating it as a draft), so two saves cannot interleave. */
  async lockReturn(partnershipId: string, scheduleId: string, periodStart: string) {
    await this.trx
      .insertInto('data_returns')
      .values({ partnership_id: partnershipId, schedule_id: scheduleId, period_start: periodStart, status: 'draft' })
      .onConflict((oc) => oc.columns(['schedule_id', 'period_start']).doNothing())
      .execute();
    return this.trx.selectFrom('data_returns').selectAll().where('partnership_id', '=', partnershipId).where('schedule_id', '=', scheduleId).where('period_start', '=', periodStart).forUpdate().executeTakeFirstOrThrow();
  }

  async lockReturnById(partnershipId: string, returnId: string) {
    return this.trx.selectFrom('data_returns').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', returnId).forUpdate().executeTakeFirst();
  }

  async addRevision(partnershipId: string, returnId: string, revision: number, r: NewRevision): Promise<string> {
    const row = await this.trx
      .insertInto('return_revisions')
      .values({ partnership_id: partnershipId, return_id: returnId, revision, action: r.action, channel: r.channel, actor: r.actor, actor_person_id: r.actorPersonId, note: r.note ?? '', reason: r.reason ?? null, file_name: r.fileName ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async addValues(partnershipId: string, revisionId: string, rows: readonly ReturnRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += VALUE_BATCH) {
      await this.trx
        .insertInto('return_values')
        .values(rows.slice(i, i + VALUE_BATCH).map((r) => ({ partnership_id: partnershipId, revision_id: revisionId, breakdown_value: r.breakdownValue, numerator: r.numerator, denominator: r.denominator, value: r.value })))
        .execute();
    }
  }

  /** The id of the revision that holds a return's figures at a revision number. */
  async valuesRevisionId(partnershipId: string, returnId: string, revision: number): Promise<string> {
    const row = await this.trx.selectFrom('return_revisions').select('id').where('partnership_id', '=', partnershipId).where('return_id', '=', returnId).where('revision', '=', revision).where('action', 'in', ['saved', 'submitted']).executeTakeFirstOrThrow();
    return row.id;
  }

  async setStatus(partnershipId: string, returnId: string, set: { status: string; revision?: number; note?: string; returnedReason?: string | null; submittedAt?: Date | null; approvedAt?: Date | null; now: Date }): Promise<void> {
    await this.trx
      .updateTable('data_returns')
      .set({
        status: set.status,
        updated_at: set.now,
        ...(set.revision !== undefined ? { revision: set.revision } : {}),
        ...(set.note !== undefined ? { note: set.note } : {}),
        ...(set.returnedReason !== undefined ? { returned_reason: set.returnedReason } : {}),
        ...(set.submittedAt !== undefined ? { submitted_at: set.submittedAt } : {}),
        ...(set.approvedAt !== undefined ? { approved_at: set.approvedAt } : {}),
      })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', returnId)
      .execute();
  }

  /**
   * Writes approved figures into the measure's series: each value becomes the next revision of its
   * (period, breakdown) point, so a correction shows as revised. Demonstration data for the measure goes.
   */
  async publishToSeries(partnershipId: string, measureId: string, period: { label: string; start: string }, breakdown: string, revisionId: string, source: string): Promise<number> {
    await this.trx.deleteFrom('measure_values').where('partnership_id', '=', partnershipId).where('measure_id', '=', measureId).where('synthetic', '=', true).execute();
    const result = await sql`
      insert into measure_values (partnership_id, measure_id, period, period_start, breakdown, breakdown_value, numerator, denominator, value, source, synthetic, revision)
      select ${partnershipId}, ${measureId}, ${period.label}, ${period.start}::date, b.breakdown, rv.breakdown_value, rv.numerator, rv.denominator, rv.value, ${source}, false,
        coalesce((select max(mv.revision) from measure_values mv
                  where mv.measure_id = ${measureId} and mv.breakdown = b.breakdown and mv.breakdown_value = rv.breakdown_value
                    and mv.period_start = ${period.start}::date), 0) + 1
      from return_values rv
      cross join lateral (select case when rv.breakdown_value = '' then '' else ${breakdown} end as breakdown) b
      where rv.partnership_id = ${partnershipId} and rv.revision_id = ${revisionId}`.execute(this.trx);
    return Number(result.numAffectedRows ?? 0);
  }
}

/** Schedules, returns, revisions and API tokens; every query names its partnership. */
export class ReturnsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  transaction<T>(work: (writer: ReturnsWriter) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new ReturnsWriter(trx)));
  }

  private schedules() {
    return this.db
      .selectFrom('return_schedules as s')
      .innerJoin('measures as m', 'm.id', 's.measure_id')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .selectAll('s')
      .select(['m.slug as measure_slug', 'm.title as measure_title', 'm.unit as measure_unit', 'o.name as organisation_name', 'o.code as organisation_code']);
  }

  async listSchedules(partnershipId: string, organisationId?: string): Promise<Schedule[]> {
    let q = this.schedules().where('s.partnership_id', '=', partnershipId);
    if (organisationId) q = q.where('s.organisation_id', '=', organisationId);
    return (await q.orderBy('o.name').orderBy('s.slug').execute()).map(toSchedule);
  }

  async findSchedule(partnershipId: string, slug: string): Promise<Schedule | undefined> {
    const row = await this.schedules().where('s.partnership_id', '=', partnershipId).where('s.slug', '=', slug).executeTakeFirst();
    return row && toSchedule(row);
  }

  async insertSchedule(partnershipId: string, s: NewSchedule): Promise<string> {
    const row = await this.db
      .insertInto('return_schedules')
      .values({ partnership_id: partnershipId, slug: s.slug, measure_id: s.measureId, organisation_id: s.organisationId, period_grain: s.grain, value_shape: s.shape, breakdown: s.breakdown, breakdown_values: JSON.stringify(s.breakdownValues), deadline_days: s.deadlineDays, first_period_start: s.firstPeriodStart, last_period_start: s.lastPeriodStart ?? null, guidance: s.guidance ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Every return of the given schedules (all periods), for the obligation lists and the grid. */
  listReturns(partnershipId: string, scheduleIds: readonly string[]) {
    if (scheduleIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('data_returns').selectAll().where('partnership_id', '=', partnershipId).where('schedule_id', 'in', scheduleIds).execute();
  }

  findReturn(partnershipId: string, scheduleId: string, periodStart: string) {
    return this.db.selectFrom('data_returns').selectAll().where('partnership_id', '=', partnershipId).where('schedule_id', '=', scheduleId).where('period_start', '=', periodStart).executeTakeFirst();
  }

  listRevisions(partnershipId: string, returnId: string) {
    return this.db.selectFrom('return_revisions').selectAll().where('partnership_id', '=', partnershipId).where('return_id', '=', returnId).orderBy('created_at').orderBy('revision').execute();
  }

  /** The values of a revision of a return, total first. */
  async revisionValues(partnershipId: string, returnId: string, revision: number): Promise<ReturnRow[]> {
    const rows = await this.db
      .selectFrom('return_values as v')
      .innerJoin('return_revisions as r', 'r.id', 'v.revision_id')
      .select(['v.breakdown_value', 'v.numerator', 'v.denominator', 'v.value'])
      .where('r.partnership_id', '=', partnershipId)
      .where('r.return_id', '=', returnId)
      .where('r.revision', '=', revision)
      .where('r.action', 'in', ['saved', 'submitted'])
      .orderBy('v.breakdown_value')
      .execute();
    return rows.map((r) => ({ breakdownValue: r.breakdown_value, numerator: toNumber(r.numerator), denominator: toNumber(r.denominator), value: toNumber(r.value) }));
  }

  organisationByCode(partnershipId: string, code: string) {
    return this.db.selectFrom('organisations').select(['id', 'name', 'code']).where('partnership_id', '=', partnershipId).where('code', '=', code).executeTakeFirst();
  }

  organisationByName(partnershipId: string, name: string) {
    return this.db.selectFrom('organisations').select(['id', 'name', 'code']).where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();
  }

  measureBySlug(partnershipId: string, slug: string) {
    return this.db.selectFrom('measures').select(['id', 'slug', 'title', 'kind', 'period_grain', 'breakdowns']).where('partnership_id', '=', partnershipId).where('slug', '=', slug).executeTakeFirst();
  }

  partnershipBySlug(slug: string) {
    return this.db.selectFrom('partnerships').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
  }
}

type ScheduleRow = Record<string, unknown>;

function toSchedule(r: ScheduleRow): Schedule {
  return {
    id: r.id as string,
    partnershipId: r.partnership_id as string,
    slug: r.slug as string,
    measureId: r.measure_id as string,
    measureSlug: (r.measure_slug as string | null) ?? '',
    measureTitle: (r.measure_title as string | null) ?? '',
    measureUnit: (r.measure_unit as string | null) ?? null,
    organisationId: r.organisation_id as string,
    organisationName: r.organisation_name as string,
    organisationCode: r.organisation_code as string,
    grain: r.period_grain as Schedule['grain'],
    shape: r.value_shape as ValueShape,
    breakdown: r.breakdown as string,
    breakdownValues: r.breakdown_values as string[],
    deadlineDays: r.deadline_days as number,
    firstPeriodStart: r.first_period_start as string,
    lastPeriodStart: (r.last_period_start as string | null) ?? null,
    guidance: r.guidance as string,
  };
}
