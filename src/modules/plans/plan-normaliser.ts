import { ActionRefError, normaliseActionRefs } from '../../lib/plan-refs/action-refs.ts';
import type { ActionStatus, PlanDocument } from './plan-document.ts';
import { PlanFileError, type PlanProblem } from './plan-file-error.ts';

/** A plan ready to write: action references normalised, actions collected, warnings worded. */
export interface NormalisedPlan {
  document: PlanDocument;
  /** Per priority, per outcome: the normalised references. */
  outcomeRefs: string[][][];
  actions: NormalisedAction[];
  warnings: { location: string; message: string }[];
}

export interface NormalisedAction {
  ref: string;
  title?: string;
  owner?: string;
  dueOn?: string;
  status: ActionStatus;
  milestones: { title: string; dueOn?: string; completedOn?: string }[];
}

function describeOutcome(document: PlanDocument, p: number, o: number): string {
  const priority = document.priorities[p]!;
  return `${priority.title}, outcome ${o + 1}`;
}

/**
 * Normalises every action reference in the plan (ranges, lists, typos against the plan's
 * prefixes) and gathers the plan's actions: those the plan file details, then every other
 * reference an outcome makes, in the order they first appear.
 * @throws PlanFileError listing every reference that cannot be read.
 */
export function normalisePlan(document: PlanDocument): NormalisedPlan {
  const known = Object.keys(document.actionRefPrefixes ?? {});
  const problems: PlanProblem[] = [];
  const warnings: NormalisedPlan['warnings'] = [];
  const read = (raw: string, location: string, path: string): string[] => {
    try {
      const result = normaliseActionRefs(raw, known);
      for (const w of result.warnings) {
        warnings.push({ location, message: `Action reference "${w.raw}" was read as ${w.corrected} (${w.reason}).` });
      }
      return result.refs;
    } catch (error) {
      if (error instanceof ActionRefError) {
        problems.push({ location: path, message: error.message });
        return [];
      }
      throw error;
    }
  };

  const actions = new Map<string, NormalisedAction>();
  document.actions.forEach((action, i) => {
    const [ref, ...more] = read(action.ref, `Action ${action.ref}`, `actions[${i}].ref`);
    if (!ref) return;
    if (more.length > 0) problems.push({ location: `actions[${i}].ref`, message: `an action has one reference, not a range or list ("${action.ref}")` });
    if (actions.has(ref)) problems.push({ location: `actions[${i}].ref`, message: `action ${ref} is listed twice` });
    actions.set(ref, { ...action, ref });
  });

  const outcomeRefs = document.priorities.map((priority, p) =>
    priority.outcomes.map((outcome, o) => {
      const raw = outcome.actionRefs === undefined ? [] : Array.isArray(outcome.actionRefs) ? outcome.actionRefs : [outcome.actionRefs];
      const refs: string[] = [];
      raw.forEach((cell, c) => {
        const path = `priorities[${p}].outcomes[${o}].actionRefs${Array.isArray(outcome.actionRefs) ? `[${c}]` : ''}`;
        for (const ref of read(cell, describeOutcome(document, p, o), path)) if (!refs.includes(ref)) refs.push(ref);
      });
      for (const ref of refs) if (!actions.has(ref)) actions.set(ref, { ref, status: 'not-started', milestones: [] });
      return refs;
    }),
  );

  if (problems.length > 0) throw new PlanFileError(problems);
  return { document, outcomeRefs, actions: [...actions.values()], warnings };
}
