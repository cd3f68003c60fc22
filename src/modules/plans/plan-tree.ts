import { compareActionRefs } from '../../lib/plan-refs/action-refs.ts';
import type { Selectable } from 'kysely';
import type { PlansTable } from '../../db/schema.ts';
import { actionRag, type Rag, type RagCause } from './action-rag.ts';
import type { PlansRepository } from './plans-repository.ts';

type Contents = Awaited<ReturnType<PlansRepository['planContents']>>;

export interface MeasureNode {
  /** The measure's id on its measure page (plans/<plan>/measures/<slug>); null until the measure is defined. */
  slug: string | null;
  description: string;
  source: string | null;
  baseline: { text: string; value: number | null; unit: string | null; n: number | null; period: string | null } | null;
  target: string | null;
}

export interface OutcomeNode {
  id: string;
  statement: string;
  audience: string | null;
  actionRefs: string[];
  whatWillBeDifferent: string[];
  howMeasured: string | null;
  whatWeWant: string | null;
  whatWeWillDo: string | null;
  whereAreWeNow: string | null;
  whatWeWillSee: string | null;
  differenceThisWillMake: string | null;
  measures: MeasureNode[];
}

export interface PlanTree {
  id: string;
  uuid: string;
  title: string;
  partnership: { slug: string; name: string };
  area: string | null;
  summary: string | null;
  source: { title: string | null; url: string | null; publisher: string | null; note: string | null; format: string };
  actionRefPrefixes: Record<string, string>;
  importWarnings: { location: string; message: string }[];
  priorities: { id: string; kind: string; title: string; finding: string | null; aim: string | null; outcomes: OutcomeNode[] }[];
  actions: { ref: string; title: string | null; owner: string | null; dueOn: string | null; status: string; rag: Rag; ragReason: string; ragCause: RagCause; lastUpdateOn: string | null }[];
}

/** Assembles the export tree (a contract scripts rely on: id, title, priorities[].outcomes[].actionRefs/measures). */
export function buildPlanTree(partnership: { slug: string; name: string }, plan: Selectable<PlansTable>, contents: Contents, todayOn: string): PlanTree {
  return {
    id: plan.slug,
    uuid: plan.id,
    title: plan.title,
    partnership,
    area: plan.area,
    summary: plan.summary,
    source: { title: plan.source_title, url: plan.source_url, publisher: plan.source_publisher, note: plan.source_note, format: plan.source_format },
    actionRefPrefixes: plan.action_ref_prefixes,
    importWarnings: contents.warnings,
    priorities: contents.priorities.map((p) => ({
      id: p.id,
      kind: p.kind,
      title: p.title,
      finding: p.finding,
      aim: p.aim,
      outcomes: contents.outcomes
        .filter((o) => o.priority_id === p.id)
        .map((o) => ({
          id: o.id,
          statement: o.statement,
          audience: o.audience,
          actionRefs: contents.links.filter((l) => l.outcome_id === o.id).map((l) => l.ref),
          whatWillBeDifferent: o.what_will_be_different,
          howMeasured: o.how_measured,
          whatWeWant: o.what_we_want,
          whatWeWillDo: o.what_we_will_do,
          whereAreWeNow: o.where_are_we_now,
          whatWeWillSee: o.what_we_will_see,
          differenceThisWillMake: o.difference_this_will_make,
          measures: contents.measures
            .filter((m) => m.outcome_id === o.id)
            .map((m) => ({
              slug: m.slug,
              description: m.description,
              source: m.source,
              baseline: m.baseline_text
                ? { text: m.baseline_text, value: m.baseline_value === null ? null : Number(m.baseline_value), unit: m.baseline_unit, n: m.baseline_n, period: m.baseline_period }
                : null,
              target: m.target,
            })),
        })),
    })),
    actions: [...contents.actions]
      .sort((a, b) => compareActionRefs(a.ref, b.ref))
      .map((a) => {
        const milestones = contents.milestones.filter((m) => m.action_id === a.id).map((m) => ({ dueOn: m.due_on, completedOn: m.completed_on }));
        const { rag, reason, cause } = actionRag({ status: a.status, dueOn: a.due_on }, milestones, todayOn);
        return { ref: a.ref, title: a.title, owner: a.owner, dueOn: a.due_on, status: a.status, rag, ragReason: reason, ragCause: cause, lastUpdateOn: a.last_update_on ?? null };
      }),
  };
}
