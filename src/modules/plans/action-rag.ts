import type { ActionStatus } from './plan-document.ts';

export type Rag = 'red' | 'amber' | 'green' | 'complete' | 'not-rated';

/** Days before the due date when an action that has not started turns amber. */
export const AMBER_WINDOW_DAYS = 28;

/** Why an action has its rating, as a code (the reason's words may carry a number of days). */
export type RagCause = 'complete' | 'off-track' | 'overdue' | 'at-risk' | 'milestone-late' | 'due-soon' | 'on-track' | 'not-started' | 'no-due-date';

export interface RagResult {
  rag: Rag;
  /** Plain-English reason, shown beside the rating so it never relies on colour. */
  reason: string;
  cause: RagCause;
}

/** Each cause in words without its figures, for counts of actions by the reason for their rating. */
export const RAG_CAUSE_LABELS: Record<RagCause, string> = {
  complete: 'Complete',
  'off-track': 'Reported off track',
  overdue: 'Past its due date',
  'at-risk': 'Reported at risk',
  'milestone-late': 'A milestone past due',
  'due-soon': `Not started, due within ${AMBER_WINDOW_DAYS} days`,
  'on-track': 'On track',
  'not-started': 'Not started, due date not near',
  'no-due-date': 'Not started and no due date set',
};

function daysBetween(fromOn: string, toOn: string): number {
  return Math.round((Date.parse(`${toOn}T00:00:00Z`) - Date.parse(`${fromOn}T00:00:00Z`)) / 86_400_000);
}

/**
 * The red/amber/green rating of an action, derived from its status and dates rather than typed in:
 * complete stays complete; off track, or past its due date, is red; at risk, a milestone past its
 * date, or not started within 28 days of its due date is amber; on track (or not started with time
 * in hand) is green; not started with no due date is not rated.
 */
export function actionRag(
  action: { status: ActionStatus | string; dueOn: string | null },
  milestones: readonly { dueOn: string | null; completedOn: string | null }[],
  todayOn: string,
): RagResult {
  if (action.status === 'complete') return { rag: 'complete', reason: 'Complete', cause: 'complete' };
  if (action.status === 'off-track') return { rag: 'red', reason: 'Reported off track', cause: 'off-track' };
  if (action.dueOn && action.dueOn < todayOn) return { rag: 'red', reason: `Overdue by ${daysBetween(action.dueOn, todayOn)} days`, cause: 'overdue' };
  const lateMilestones = milestones.filter((m) => !m.completedOn && m.dueOn && m.dueOn < todayOn).length;
  if (action.status === 'at-risk') return { rag: 'amber', reason: 'Reported at risk', cause: 'at-risk' };
  if (lateMilestones > 0) return { rag: 'amber', reason: `${lateMilestones} milestone${lateMilestones === 1 ? '' : 's'} past due`, cause: 'milestone-late' };
  if (action.status === 'not-started' && action.dueOn && daysBetween(todayOn, action.dueOn) <= AMBER_WINDOW_DAYS) {
    return { rag: 'amber', reason: `Not started, due in ${daysBetween(todayOn, action.dueOn)} days`, cause: 'due-soon' };
  }
  if (action.status === 'on-track') return { rag: 'green', reason: 'On track', cause: 'on-track' };
  if (action.dueOn) return { rag: 'green', reason: 'Not started, due date not near', cause: 'not-started' };
  return { rag: 'not-rated', reason: 'Not started and no due date set', cause: 'no-due-date' };
}
