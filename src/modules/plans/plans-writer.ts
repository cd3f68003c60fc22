import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { NormalisedPlan } from './plan-normaliser.ts';
import type { PlanFileFormat } from './plan-file-parser.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

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
