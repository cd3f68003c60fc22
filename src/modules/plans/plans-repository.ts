import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { NormalisedPlan } from './plan-normaliser.ts';
import type { PlanFileFormat } from './plan-file-parser.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Reads and writes plans. Every query names the partnership (the tenant) it works in, except
 * `listPublishedPlans`, which lists published plans only: public documents.
 */
export class PlansRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  transaction<T>(work: (repository: PlansWriter) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new PlansWriter(trx)));
  }

  async findPartnership(slug: string) {
    return this.db.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async listPublishedPlans() {
    return this.db
      .selectFrom('plans')
      .innerJoin('partnerships', 'partnerships.id', 'plans.partnership_id')
      .select(['plans.id', 'plans.slug', 'plans.title', 'plans.area', 'plans.summary', 'plans.imported_at', 'partnerships.slug as partnership_slug', 'partnerships.name as partnership_name'])
      .select((eb) => [
        eb.selectFrom('priorities').whereRef('priorities.plan_id', '=', 'plans.id').select(eb.fn.countAll<number>().as('n')).as('priority_count'),
        eb
          .selectFrom('outcomes')
          .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
          .whereRef('priorities.plan_id', '=', 'plans.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('outcome_count'),
      ])
      .where('plans.published', '=', true)
      .orderBy('partnerships.name')
      .orderBy('plans.title')
      .execute();
  }

  async findPlan(partnershipId: string, planSlug: string) {
    return this.db.selectFrom('plans').selectAll().where('partnership_id', '=', partnershipId).where('slug', '=', planSlug).executeTakeFirst();
  }

  async planContents(partnershipId: string, planId: string) {
    const [priorities, outcomes, measures, links, actions, warnings] = await Promise.all([
      this.db.selectFrom('priorities').selectAll().where('partnership_id', '=', partnershipId).where('plan_id', '=', planId).orderBy('position').execute(),
      this.db
        .selectFrom('outcomes')
        .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
        .selectAll('outcomes')
        .where('outcomes.partnership_id', '=', partnershipId)
        .where('priorities.plan_id', '=', planId)
        .orderBy('priorities.position')
        .orderBy('outcomes.position')
        .execute(),
      this.db
        .selectFrom('measures')
        .innerJoin('outcomes', 'outcomes.id', 'measures.outcome_id')
        .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
        .selectAll('measures')
        .where('measures.partnership_id', '=', partnershipId)
        .where('priorities.plan_id', '=', planId)
        .orderBy('measures.position')
        .execute(),
      this.db
        .selectFrom('outcome_actions')
        .innerJoin('actions', 'actions.id', 'outcome_actions.action_id')
        .select(['outcome_actions.outcome_id', 'actions.ref', 'actions.id as action_id'])
        .where('outcome_actions.partnership_id', '=', partnershipId)
        .where('actions.plan_id', '=', planId)
        .orderBy('outcome_actions.position')
        .execute(),
      this.actions(partnershipId, planId),
      this.db.selectFrom('plan_import_warnings').select(['location', 'message']).where('partnership_id', '=', partnershipId).where('plan_id', '=', planId).orderBy('position').execute(),
    ]);
    return { priorities, outcomes, measures, links, actions, warnings };
  }

  async actions(partnershipId: string, planId: string) {
    return this.db
      .selectFrom('actions')
      .leftJoin('organisations', 'organisations.id', 'actions.owner_organisation_id')
      .selectAll('actions')
      .select('organisations.name as owner')
      .select((eb) =>
        eb.selectFrom('progress_updates').whereRef('progress_updates.action_id', '=', 'actions.id').select((e) => e.fn.max('progress_updates.reported_on').as('d')).as('last_update_on'),
      )
      .where('actions.partnership_id', '=', partnershipId)
      .where('actions.plan_id', '=', planId)
      .execute();
  }

  async findAction(partnershipId: string, planId: string, ref: string) {
    const action = await this.db
      .selectFrom('actions')
      .leftJoin('organisations', 'organisations.id', 'actions.owner_organisation_id')
      .selectAll('actions')
      .select('organisations.name as owner')
      .where('actions.partnership_id', '=', partnershipId)
      .where('actions.plan_id', '=', planId)
      .where('actions.ref', '=', ref)
      .executeTakeFirst();
    if (!action) return undefined;
    const [milestones, updates, outcomes] = await Promise.all([
      this.db.selectFrom('milestones').selectAll().where('partnership_id', '=', partnershipId).where('action_id', '=', action.id).orderBy('position').execute(),
      this.db
        .selectFrom('progress_updates')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('action_id', '=', action.id)
        .orderBy('reported_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
      this.db
        .selectFrom('outcome_actions')
        .innerJoin('outcomes', 'outcomes.id', 'outcome_actions.outcome_id')
        .innerJoin('priorities', 'priorities.id', 'outcomes.priority_id')
        .select(['outcomes.id', 'outcomes.statement', 'priorities.title as priority_title'])
        .where('outcome_actions.partnership_id', '=', partnershipId)
        .where('outcome_actions.action_id', '=', action.id)
        .orderBy('priorities.position')
        .orderBy('outcomes.position')
        .execute(),
    ]);
    return { action, milestones, updates, outcomes };
  }

  async addProgressUpdate(
    partnershipId: string,
    actionId: string,
    update: { reportedOn: string; whatWeDid: string; author: string; statusAfter: string | null },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('progress_updates')
        .values({ partnership_id: partnershipId, action_id: actionId, reported_on: update.reportedOn, what_we_did: update.whatWeDid, author: update.author, status_after: update.statusAfter })
        .execute();
      if (update.statusAfter) {
        await trx.updateTable('actions').set({ status: update.statusAfter }).where('partnership_id', '=', partnershipId).where('id', '=', actionId).execute();
      }
    });
  }

  async listPlans(partnershipSlug?: string) {
    let query = this.db
      .selectFrom('plans')
      .innerJoin('partnerships', 'partnerships.id', 'plans.partnership_id')
      .select(['plans.id', 'plans.slug', 'plans.title', 'plans.area', 'plans.published', 'plans.imported_at', 'partnerships.slug as partnership_slug', 'partnerships.name as partnership_name', 'partnerships.id as partnership_id'])
      .orderBy('partnerships.slug')
      .orderBy('plans.slug');
    if (partnershipSlug) query = query.where('partnerships.slug', '=', partnershipSlug);
    return query.execute();
  }
}

/** Writes inside one transaction; used only by the plan import. */
export class PlansWriter {
  constructor(private readonly trx: Db) {}

  async ensurePartnership(slug: string, name: string): Promise<string> {
    const existing = await this.trx.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirst();
    if (existing) return existing.id;
    const row = await this.trx.insertInto('partnerships').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async planExists(partnershipId: string, slug: string): Promise<boolean> {
    const row = await this.trx.selectFrom('plans').select('id').where('partnership_id', '=', partnershipId).where('slug', '=', slug).executeTakeFirst();
    return row !== undefined;
  }

  async deletePlan(partnershipId: string, slug: string): Promise<void> {
    await this.trx.deleteFrom('plans').where('partnership_id', '=', partnershipId).where('slug', '=', slug).execute();
  }

  async insertPlan(partnershipId: string, plan: NormalisedPlan, format: PlanFileFormat): Promise<string> {
    const { document } = plan;
    const { id: planId } = await this.trx
      .insertInto('plans')
      .values({
        partnership_id: partnershipId,
        slug: document.id,
        title: document.title,
        area: document.area ?? null,
        summary: document.summary ?? null,
        source_title: document.source?.title ?? null,
        source_url: document.source?.url ?? null,
        source_publisher: document.source?.publisher ?? null,
        source_note: document.source?.note ?? null,
        source_format: format,
        action_ref_prefixes: JSON.stringify(document.actionRefPrefixes ?? {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    if (plan.warnings.length > 0) {
      await this.trx
        .insertInto('plan_import_warnings')
        .values(plan.warnings.map((w, position) => ({ partnership_id: partnershipId, plan_id: planId, position, location: w.location, message: w.message })))
        .execute();
    }

    const owners = new Map<string, string>();
    for (const owner of new Set(plan.actions.map((a) => a.owner).filter((o): o is string => !!o))) {
      owners.set(owner, await this.ensureOrganisation(partnershipId, owner));
    }
    const actionIds = new Map<string, string>();
    if (plan.actions.length > 0) {
      const rows = await this.trx
        .insertInto('actions')
        .values(
          plan.actions.map((a) => ({
            partnership_id: partnershipId,
            plan_id: planId,
            ref: a.ref,
            title: a.title ?? null,
            owner_organisation_id: a.owner ? (owners.get(a.owner) ?? null) : null,
            due_on: a.dueOn ?? null,
            status: a.status,
          })),
        )
        .returning(['id', 'ref'])
        .execute();
      for (const row of rows) actionIds.set(row.ref, row.id);
      const milestones = plan.actions.flatMap((a) =>
        a.milestones.map((m, position) => ({ partnership_id: partnershipId, action_id: actionIds.get(a.ref)!, position, title: m.title, due_on: m.dueOn ?? null, completed_on: m.completedOn ?? null })),
      );
      if (milestones.length > 0) await this.trx.insertInto('milestones').values(milestones).execute();
    }

    for (const [p, priority] of document.priorities.entries()) {
      const { id: priorityId } = await this.trx
        .insertInto('priorities')
        .values({ partnership_id: partnershipId, plan_id: planId, position: p, kind: priority.kind, title: priority.title, finding: priority.finding ?? null, aim: priority.aim ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const outcomeRows = await this.trx
        .insertInto('outcomes')
        .values(
          priority.outcomes.map((o, position) => ({
            partnership_id: partnershipId,
            priority_id: priorityId,
            position,
            statement: o.statement,
            audience: o.audience ?? null,
            what_will_be_different: JSON.stringify(o.whatWillBeDifferent ?? []),
            how_measured: o.howMeasured ?? null,
            what_we_want: o.whatWeWant ?? null,
            what_we_will_do: o.whatWeWillDo ?? null,
            where_are_we_now: o.whereAreWeNow ?? null,
            what_we_will_see: o.whatWeWillSee ?? null,
            difference_this_will_make: o.differenceThisWillMake ?? null,
          })),
        )
        .returning(['id', 'position'])
        .execute();
      const idAt = (position: number) => outcomeRows.find((r) => r.position === position)!.id;
      const measures = priority.outcomes.flatMap((o, position) =>
        o.measures.map((m, mPosition) => ({
          partnership_id: partnershipId,
          outcome_id: idAt(position),
          position: mPosition,
          description: m.description,
          source: m.source ?? null,
          baseline_text: m.baseline?.text ?? null,
          baseline_value: m.baseline?.value ?? null,
          baseline_unit: m.baseline?.unit ?? null,
          baseline_n: m.baseline?.n ?? null,
          baseline_period: m.baseline?.period ?? null,
          target: m.target ?? null,
        })),
      );
      if (measures.length > 0) await this.trx.insertInto('measures').values(measures).execute();
      const links = (plan.outcomeRefs[p] ?? []).flatMap((refs, position) =>
        refs.map((ref, refPosition) => ({ partnership_id: partnershipId, outcome_id: idAt(position), action_id: actionIds.get(ref)!, position: refPosition })),
      );
      if (links.length > 0) await this.trx.insertInto('outcome_actions').values(links).execute();
    }
    return planId;
  }

  private async ensureOrganisation(partnershipId: string, name: string): Promise<string> {
    const existing = await this.trx.selectFrom('organisations').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();
    if (existing) return existing.id;
    const row = await this.trx.insertInto('organisations').values({ partnership_id: partnershipId, name }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
}
