import type { IndicatorDeclaration } from './indicators.ts';
import { breakdownColumns, grouping, monthsSql, NEW_VALUES_INSERT, partnershipSql, type IndicatorSqlOptions } from './indicator-sql-parts.ts';
import { monthsFrom, monthStart } from './calendar-dates.ts';
import { monthStartSql } from './period-scope.ts';
import { date, text } from './sql-literals.ts';

/** The dynamic support register's indicators: month-end snapshots by latest rating, and counts of events. */

/** Up to this many month ends, a snapshot looks each entry's latest rating up; beyond, it spreads ratings over months. */
const LOOKUP_MONTHS = 6;

function countRows(indicator: IndicatorDeclaration, cases: string, options: IndicatorSqlOptions): string {
  const g = grouping(indicator.breakdowns, options);
  return `${NEW_VALUES_INSERT} select ${g.partnership}, ${text(indicator.id)}, 'month', c.period_start, ${g.name}, ${g.value}, count(*), null::bigint, null::numeric`
    + ` from (${cases}) c group by ${g.groupBy}`;
}

/**
 * Entries on the register at each month end (added before it, not removed by it), by their latest rating before
 * the month end ('unrated' when none): from the first entry's month (or the first affected month) to the refresh
 * date's month. Each rating holds from the day after it was given until the next one (same-day ratings: the one
 * with the lowest record key), so it is spread over the month ends it covers once and joined, rather than looked
 * up for every entry and month.
 */
export function snapshotSql(indicator: Extract<IndicatorDeclaration, { method: 'snapshot' }>, options: IndicatorSqlOptions): string {
  const { affected } = options;
  const monthEnd = (start: string) => `(${start} + interval '1 month')::date`;
  const first = affected.kind === 'all' ? null : (affected.kind === 'from' ? affected.month : affected.months[0]!);
  // Every month from the register's first entry (or the first affected month) to the refresh date's; a refresh's
  // few months are listed, so the planner knows how few they are (it takes a generate_series for a thousand).
  const listed = first ? monthsFrom(monthStart(first), monthStart(options.asOf)) : [];
  const start = first ? `greatest(e.first_on, ${date(first)})` : 'e.first_on';
  const months = listed.length > 0 && listed.length <= LOOKUP_MONTHS
    ? `select p.partnership_id, m.period_start from (select distinct partnership_id from casework_dsr_entries d where ${partnershipSql(options, 'd')}) p`
      + ` cross join (values ${listed.map((m) => `(${date(m)})`).join(', ')}) as m(period_start)`
    : `select e.partnership_id, gs::date as period_start from (select partnership_id, min(added_on) as first_on from casework_dsr_entries d where ${partnershipSql(options, 'd')} group by partnership_id) e`
      + ` cross join lateral generate_series(${monthStartSql(start)}, ${monthStartSql(date(options.asOf))}, interval '1 month') gs`;
  const onRegister = `select m.partnership_id, m.period_start${breakdownColumns(indicator.breakdowns, 't')} from (${months}) m`
    + ` join casework_dsr_entries t on t.partnership_id = m.partnership_id and t.added_on < ${monthEnd('m.period_start')} and (t.removed_on is null or t.removed_on >= ${monthEnd('m.period_start')})`;
  if (listed.length > 0 && listed.length <= LOOKUP_MONTHS) {
    // A few month ends (a refresh): each entry's latest rating looked up through the events' index.
    const latest = `(select ev.rating from casework_dsr_events ev where ev.partnership_id = t.partnership_id and ev.entry_key = t.record_key and ev.event = 'rating'`
      + ` and ev.event_on < ${monthEnd('m.period_start')} order by ev.event_on desc, ev.record_key limit 1)`;
    return countRows(indicator, `${onRegister} cross join lateral (select coalesce(${latest}, 'unrated') as rating) r`, options);
  }
  // Many month ends: each rating holds from the day after it was given until the next one (same-day ratings: the
  // lowest record key), so it is spread once over the month ends it covers, from the first affected month on, and
  // joined (looking it up for every entry and month took a second for a national register).
  const ratings = 'select ev.partnership_id, ev.entry_key, ev.rating, ev.event_on, lead(ev.event_on) over (partition by ev.partnership_id, ev.entry_key order by ev.event_on, ev.record_key desc) as next_on'
    + ` from casework_dsr_events ev where ev.event = 'rating' and ${partnershipSql(options, 'ev')}`;
  const from = first ? date(first) : null;
  const rated = `select r.partnership_id, r.entry_key, r.rating as latest_rating, gs::date as period_start from (${ratings}) r`
    + ` cross join lateral generate_series(${from ? `greatest(${monthStartSql('r.event_on')}, ${from})` : monthStartSql('r.event_on')}, ${monthStartSql(`coalesce(r.next_on, ${date(options.asOf)})`)}, interval '1 month') gs`
    + ` where ${from ? `(r.next_on is null or r.next_on >= ${monthEnd(from)}) and ` : ''}(r.next_on is null or r.next_on >= ${monthEnd('gs::date')})`;
  const cases = onRegister
    + ` left join (${rated}) rd on rd.partnership_id = t.partnership_id and rd.entry_key = t.record_key and rd.period_start = m.period_start`
    + ' cross join lateral (select coalesce(rd.latest_rating, \'unrated\') as rating) r';
  return countRows(indicator, cases, options);
}

/** Events of one type (admissions, discharges, C(E)TRs) in the month, by the entry's breakdowns. */
export function registerCountSql(indicator: Extract<IndicatorDeclaration, { method: 'count' }>, options: IndicatorSqlOptions): string {
  const cases = `select ev.partnership_id, ${monthStartSql('ev.event_on')} as period_start${breakdownColumns(indicator.breakdowns, 't')}`
    + ' from casework_dsr_events ev join casework_dsr_entries t on t.partnership_id = ev.partnership_id and t.record_key = ev.entry_key'
    + ` where ev.event = ${text(indicator.event)} and ${partnershipSql(options, 'ev')} and ${monthsSql(options, 'ev.event_on')}`;
  return countRows(indicator, cases, options);
}
