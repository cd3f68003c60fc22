import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import { PlansWriter } from './plans-writer.ts';

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
    const [priorities, outcomes, measures, links, actions, warnings, milestones] = await Promise.all([
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
      // each action's rating counts its late milestones too, as on the action's own page
      this.db
        .selectFrom('milestones')
        .innerJoin('actions', 'actions.id', 'milestones.action_id')
        .select(['milestones.action_id', 'milestones.due_on', 'milestones.completed_on'])
        .where('milestones.partnership_id', '=', partnershipId)
        .where('actions.plan_id', '=', planId)
        .execute(),
    ]);
    return { priorities, outcomes, measures, links, actions, warnings, milestones };
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
    update: { reportedOn: string; whatWeDid: string; author: string; reportedByPersonId: string | null; onBehalfOf: string | null; statusAfter: string | null },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('progress_updates')
        .values({ partnership_id: partnershipId, action_id: actionId, reported_on: update.reportedOn, what_we_did: update.whatWeDid, author: update.author, reported_by_person_id: update.reportedByPersonId, on_behalf_of: update.onBehalfOf, status_after: update.statusAfter })
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
