import type { ActionStatus } from './plan-document.ts';

export type Rag = 'red' | 'amber' | 'green' | 'complete' | 'not-rated';

export interface RagResult {
  rag: Rag;
  /** Plain-English reason, shown beside the rating so it never relies on colour. */
  reason: string;
}

/** Days before the due date when an action that has not started turns amber. */
export const AMBER_WINDOW_DAYS = 28;

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
  if (action.status === 'complete') return { rag: 'complete', reason: 'Complete' };
  if (action.status === 'off-track') return { rag: 'red', reason: 'Reported off track' };
  if (action.dueOn && action.dueOn < todayOn) return { rag: 'red', reason: `Overdue by ${daysBetween(action.dueOn, todayOn)} days` };
  const lateMilestones = milestones.filter((m) => !m.completedOn && m.dueOn && m.dueOn < todayOn).length;
  if (action.status === 'at-risk') return { rag: 'amber', reason: 'Reported at risk' };
  if (lateMilestones > 0) return { rag: 'amber', reason: `${lateMilestones} milestone${lateMilestones === 1 ? '' : 's'} past due` };
  if (action.status === 'not-started' && action.dueOn && daysBetween(todayOn, action.dueOn) <= AMBER_WINDOW_DAYS) {
    return { rag: 'amber', reason: `Not started, due in ${daysBetween(todayOn, action.dueOn)} days` };
  }
  if (action.status === 'on-track') return { rag: 'green', reason: 'On track' };
  if (action.dueOn) return { rag: 'green', reason: 'Not started, due date not near' };
  return { rag: 'not-rated', reason: 'Not started and no due date set' };
}
