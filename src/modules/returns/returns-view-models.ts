// What the data-return pages show, formatted: status tags (always with their word), the submitter's
// lists and the analyst's grid, one return with its history, and the changes between two revisions.
import type { SignedIn } from '../accounts/index.ts';
import { ukDate } from '../../web/nunjucks-filters.ts';
import { breakdownHeading, TOTAL, valueColumns, type ReturnRow, type Schedule } from './return-layout.ts';
import { returnPath, returnsHome } from './returns-http.ts';
import type { DiffRow, Obligation, ReturnDetail, ReturnStatus } from './returns-service.ts';

/** Tags: the colour only repeats the word. */
export const STATUS_TAGS: Record<ReturnStatus, { text: string; classes: string }> = {
  'not-started': { text: 'Not started', classes: 'govuk-tag--grey' },
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  returned: { text: 'Returned', classes: 'govuk-tag--orange' },
};
export const OVERDUE_TAG = { text: 'Overdue', classes: 'govuk-tag--red' };

const ACTIONS: Record<string, string> = { saved: 'Saved as draft', submitted: 'Submitted for review', approved: 'Approved', returned: 'Returned' };
const CHANNELS: Record<string, string> = { form: 'Form', upload: 'File upload', api: 'API', 'command-line': 'Command line', review: 'Review' };

/** Most periods a grid shows (the latest ones), so the table stays readable. */
const GRID_PERIODS = 6;

/** "15 June 2025 at 2:05pm", UK time. */
export function ukDateTime(at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${ukDate(`${parts.year}-${parts.month}-${parts.day}`)} at ${parts.hour}:${parts.minute}${String(parts.dayPeriod).toLowerCase()}`;
}

/** A figure as the tables show it: thousands separators, or "None". */
export function figure(value: number | null): string {
  return value === null ? 'None' : value.toLocaleString('en-GB', { maximumFractionDigits: 6 });
}

const title = (s: Schedule) => s.measureTitle || s.slug;

function obligationItem(o: Obligation, partnershipSlug: string) {
  return {
    href: returnPath(partnershipSlug, o.schedule.slug, o.period.code),
    title: title(o.schedule),
    organisation: o.schedule.organisationName,
    period: o.period.label,
    dueOn: ukDate(o.dueOn),
    status: STATUS_TAGS[o.status],
    overdue: o.overdue,
    returnedReason: o.returnedReason,
  };
}

/** A submitter's returns, grouped as they need to act on them. */
function submitterGroups(obligations: readonly Obligation[], partnershipSlug: string) {
  const groups = [
    { id: 'overdue', heading: 'Overdue', empty: 'Nothing is overdue.', items: [] as ReturnType<typeof obligationItem>[] },
    { id: 'due', heading: 'Due', empty: 'Nothing else is due.', items: [] as ReturnType<typeof obligationItem>[] },
    { id: 'returned', heading: 'Returned to you', empty: 'No return has been sent back to you.', items: [] as ReturnType<typeof obligationItem>[] },
    { id: 'submitted', heading: 'Submitted', empty: 'Nothing is waiting for review.', items: [] as ReturnType<typeof obligationItem>[] },
    { id: 'approved', heading: 'Approved', empty: 'No return has been approved yet.', items: [] as ReturnType<typeof obligationItem>[] },
  ];
  const group = (id: string) => groups.find((g) => g.id === id)!;
  for (const o of obligations) {
    const id = o.status === 'returned' ? 'returned' : o.overdue ? 'overdue' : o.status === 'submitted' || o.status === 'approved' ? o.status : 'due';
    group(id).items.push(obligationItem(o, partnershipSlug));
  }
  return groups;
}

/** The analyst's grid: one table per period grain, schedules as rows, the latest periods as columns. */
function grids(obligations: readonly Obligation[], partnershipSlug: string) {
  const grains = (['month', 'quarter', 'year'] as const).filter((g) => obligations.some((o) => o.schedule.grain === g));
  return grains.map((grain) => {
    const own = obligations.filter((o) => o.schedule.grain === grain);
    const periods = [...new Map(own.map((o) => [o.period.start, o.period])).values()].sort((a, b) => a.start.localeCompare(b.start)).slice(-GRID_PERIODS);
    const schedules = [...new Map(own.map((o) => [o.schedule.id, o.schedule])).values()];
    return {
      heading: grain === 'month' ? 'Monthly returns' : grain === 'quarter' ? 'Quarterly returns' : 'Yearly returns',
      periods: periods.map((p) => p.label),
      rows: schedules.map((s) => ({
        title: title(s),
        organisation: s.organisationName,
        cells: periods.map((p) => {
          const o = own.find((x) => x.schedule.id === s.id && x.period.start === p.start);
          return o ? { href: returnPath(partnershipSlug, s.slug, p.code), status: STATUS_TAGS[o.status], overdue: o.overdue, label: `${title(s)}, ${p.label}` } : null;
        }),
      })),
    };
  });
}

/** The returns home page: a submitter's own obligations, or (for reviewers) the grid and the review queue. */
export function returnsHomePage(auth: SignedIn, obligations: readonly Obligation[], reviewer: boolean) {
  const base = { pageTitle: 'Data returns', navigation: 'returns', partnershipName: auth.partnershipName, organisationName: auth.organisationName, reviewer };
  if (!reviewer) return { ...base, groups: submitterGroups(obligations, auth.partnershipSlug) };
  return {
    ...base,
    overdueCount: obligations.filter((o) => o.overdue).length,
    waiting: obligations.filter((o) => o.status === 'submitted').map((o) => obligationItem(o, auth.partnershipSlug)),
    grids: grids(obligations, auth.partnershipSlug),
  };
}

/** The columns of a return's figures table: the breakdown, then the schedule's value columns. */
export function figuresTable(schedule: Schedule, rows: readonly ReturnRow[], limit = Infinity) {
  const columns = valueColumns(schedule.shape);
  const ordered = [...rows].sort((a, b) => Number(b.breakdownValue === '') - Number(a.breakdownValue === ''));
  return {
    headings: [schedule.breakdown ? breakdownHeading(schedule.breakdown) : 'Row', ...columns.map((c) => c.heading)],
    rows: ordered.slice(0, limit).map((r) => [r.breakdownValue || TOTAL, ...columns.map((c) => figure(r[c.key]))]),
    total: rows.length,
  };
}

export function breadcrumbsFor(auth: SignedIn) {
  return [{ text: 'Data returns', href: returnsHome(auth.partnershipSlug) }];
}

/** One return: its status, figures, note, history with "see changes" links, and what the person can do. */
export function returnPage(detail: ReturnDetail, auth: SignedIn, options: { reviewer: boolean; done?: string; reason?: string; errors?: { href: string; text: string }[] }) {
  const { schedule, period } = detail;
  const href = returnPath(auth.partnershipSlug, schedule.slug, period.code);
  const valueRevisions = new Set(detail.history.filter((h) => h.action === 'saved' || h.action === 'submitted').map((h) => h.revision));
  const DONE: Record<string, string> = { draft: 'Your figures have been saved as a draft', submitted: 'Your figures have been submitted for review', approved: 'The return has been approved', returned: 'The return has been sent back with your reason' };
  return {
    pageTitle: `${title(schedule)}, ${period.label}`,
    navigation: 'returns',
    breadcrumbs: breadcrumbsFor(auth),
    href,
    schedule,
    period: { ...period, startOn: ukDate(period.start), endOn: ukDate(period.end) },
    dueOn: ukDate(detail.dueOn),
    status: STATUS_TAGS[detail.status],
    overdue: detail.overdue,
    revision: detail.revision,
    figures: figuresTable(schedule, detail.rows),
    note: detail.note,
    returnedReason: detail.status === 'returned' || detail.status === 'draft' ? detail.returnedReason : null,
    history: [...detail.history].reverse().map((h) => ({
      revision: h.revision,
      what: ACTIONS[h.action] ?? h.action,
      reason: h.reason,
      channel: `${CHANNELS[h.channel] ?? h.channel}${h.fileName ? ` (${h.fileName})` : ''}`,
      who: h.actor,
      when: ukDateTime(h.at),
      changesHref: (h.action === 'saved' || h.action === 'submitted') && h.revision > 1 && valueRevisions.has(h.revision - 1) ? `${href}/changes?from=${h.revision - 1}&to=${h.revision}` : null,
    })),
    canEnter: detail.status !== 'submitted',
    canReview: options.reviewer && detail.status === 'submitted',
    links: { form: `${href}/form`, upload: `${href}/upload`, xlsx: `${href}/template.xlsx`, csv: `${href}/template.csv` },
    done: options.done ? DONE[options.done] : undefined,
    reason: options.reason ?? '',
    errors: options.errors ?? [],
    fieldErrors: Object.fromEntries((options.errors ?? []).map((e) => [e.href.slice(1), e.text])),
  };
}

const FIELD_HEADINGS = (schedule: Schedule): Record<DiffRow['field'], string> => ({
  numerator: schedule.shape === 'count' ? 'Count' : 'Numerator',
  denominator: 'Denominator',
  value: 'Value',
});

/** What changed between two revisions, as a table. */
export function changesPage(detail: ReturnDetail, auth: SignedIn, from: number, to: number, diff: readonly DiffRow[]) {
  const { schedule, period } = detail;
  const href = returnPath(auth.partnershipSlug, schedule.slug, period.code);
  const headings = FIELD_HEADINGS(schedule);
  return {
    pageTitle: `Changes from revision ${from} to ${to}: ${title(schedule)}, ${period.label}`,
    navigation: 'returns',
    breadcrumbs: [...breadcrumbsFor(auth), { text: `${title(schedule)}, ${period.label}`, href }],
    title: title(schedule),
    period: period.label,
    organisation: schedule.organisationName,
    from,
    to,
    breakdownHeading: schedule.breakdown ? breakdownHeading(schedule.breakdown) : 'Row',
    rows: diff.map((d) => ({ breakdown: d.breakdownValue || TOTAL, field: headings[d.field], before: d.before === null ? 'Not given' : figure(d.before), after: d.after === null ? 'Not given' : figure(d.after) })),
    backHref: href,
  };
}
