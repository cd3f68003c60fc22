// The casework indicators written by hand in DuckDB SQL, for comparison only (npm run bench:casework). DuckDB lives
// in its own package, bench/duckdb (installed here on first use), never in the root package.json or lock file: its
// other-platform packages are missing from the registry here, which breaks `npm ci` (shared/design.md).
// The SQL below is independent of the product's generated SQL (src/casework/indicator-sql.ts): it restates the rules
// (SEND Regulations 2014 regs 5, 8, 10, 13, 18, 20-22; CFA 2014 s44; NICE QS51; NHS waiting-time measures) directly,
// so agreement of the two is also a check of the product.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseworkKind } from '../src/casework/record-kind-types.ts';
import { duckColumns, type CsvFile } from './casework-files.ts';

interface DuckReader { getRowsJS(): unknown[][] }
interface DuckConnection { run(sql: string): Promise<unknown>; runAndReadAll(sql: string): Promise<DuckReader>; closeSync?(): void }
interface DuckInstance { connect(): Promise<DuckConnection>; closeSync?(): void }
interface DuckApi { DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<DuckInstance> } }

const PACKAGE_DIR = fileURLToPath(new URL('./duckdb/', import.meta.url));
const ENTRY = new URL('./duckdb/node_modules/@duckdb/node-api/lib/index.js', import.meta.url);

/** Installs bench/duckdb's own dependencies when missing, then loads @duckdb/node-api from there. */
async function loadDuckApi(): Promise<DuckApi> {
  if (!existsSync(fileURLToPath(ENTRY))) {
    console.log('Installing DuckDB into bench/duckdb (first run only) ...');
    execFileSync('npm', ['install', '--prefix', PACKAGE_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  const specifier: string = ENTRY.href; // a computed specifier: type-checking never needs DuckDB installed
  return (await import(specifier)) as DuckApi;
}

const TABLES: Record<CaseworkKind, string> = {
  'ehc-requests': 'ehc_requests', 'advice-requests': 'advice_requests', 'annual-reviews': 'annual_reviews', 'phase-transfers': 'phase_transfers',
  referrals: 'referrals', 'equipment-requests': 'equipment_requests', 'dsr-entries': 'dsr_entries', 'dsr-events': 'dsr_events',
};

export interface DuckDbSession {
  connection: DuckConnection;
  close(): void;
}

/** An in-memory DuckDB with every record kind loaded from its CSV (the timed "load"). */
export async function loadDuckDb(files: Record<CaseworkKind, CsvFile>): Promise<DuckDbSession> {
  const { DuckDBInstance } = await loadDuckApi();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const [kind, file] of Object.entries(files) as [CaseworkKind, CsvFile][]) {
    const columns = duckColumns(kind).map((c) => `'${c.name}': '${c.type}'`).join(', ');
    await connection.run(`create table ${TABLES[kind]} as select * from read_csv('${file.path.replaceAll("'", "''")}', header = true, nullstr = '', columns = {${columns}})`);
  }
  return { connection, close: () => { connection.closeSync?.(); instance.closeSync?.(); } };
}

/** One indicator's month rows from a cases query with `period_start`, `hit` and breakdown columns b0, b1 ... */
function grouped(id: string, cases: string, breakdowns: string[], measures: string): string {
  const name = breakdowns.length === 0 ? "''" : `case ${breakdowns.map((b, i) => `when grouping(b${i}) = 0 then '${b}'`).join(' ')} else '' end`;
  const value = breakdowns.length === 0 ? "''" : `case ${breakdowns.map((_, i) => `when grouping(b${i}) = 0 then b${i}`).join(' ')} else '' end`;
  const sets = ['(period_start)', ...breakdowns.map((_, i) => `(period_start, b${i})`)].join(', ');
  return `insert into iv select '${id}', 'month', period_start, ${name}, ${value}, ${measures} from (${cases}) c group by grouping sets (${sets})`;
}

/** Breakdown columns: [breakdown name, SQL expression]; a missing value counts as 'unknown'. */
type Breakdowns = [string, string][];
const cols = (breakdowns: Breakdowns) => breakdowns.map(([, expr], i) => `, coalesce(${expr}::varchar, 'unknown') as b${i}`).join('');
const names = (breakdowns: Breakdowns) => breakdowns.map(([name]) => name);
const PROPORTION = 'count(*) filter (where hit), count(*), pct(count(*) filter (where hit), count(*))';

/** % of cases closed in the month (the month of `end`) that were in time. */
function proportion(id: string, from: string, where: string, end: string, hit: string, breakdowns: Breakdowns): string {
  return grouped(id, `select month_of(${end}) as period_start${cols(breakdowns)}, ${hit} as hit from ${from} where ${end} is not null and ${where}`, names(breakdowns), PROPORTION);
}

function duration(id: string, from: string, where: string, start: string, end: string, percentile: number, breakdowns: Breakdowns): string {
  return grouped(id, `select month_of(${end}) as period_start${cols(breakdowns)}, ${end} - ${start} as days from ${from} where ${end} is not null and ${where}`,
    names(breakdowns), `null, count(*), printf('%.1f', round(quantile_cont(days, ${percentile}) / 7.0, 1))`);
}

const AREA: [string, string] = ['area', 'area'];
const NEED: [string, string] = ['need', 'primary_need'];
const AGE: [string, string] = ['age-group', 'age_band'];
const PROVIDER: [string, string] = ['provider', 'provider'];
const PATHWAY: [string, string] = ['pathway', 'pathway'];

/** Every indicator, month rows then quarter and year roll-ups, into table `iv`. `asOf`: register snapshots run to its month. */
export function indicatorStatements(asOf: string): string[] {
  const plans = "coalesce(request_outcome, 'assess') = 'assess' and coalesce(assessment_outcome, 'issue-plan') = 'issue-plan'";
  const reviews = "(select *, plan_issued_on as basis_on from annual_reviews where previous_review_on is null and plan_issued_on is not null"
    + ' union all select *, previous_review_on from annual_reviews where previous_review_on is not null)';
  const transfers = "(select *, make_date(transfer_year, 2, 15) - 1 as last_day from phase_transfers where transfer_type in ('early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary')"
    + " union all select *, make_date(transfer_year, 3, 31) - 1 from phase_transfers where transfer_type = 'secondary-to-post-16')";
  const asdSlt = "pathway in ('autism', 'speech-and-language')";
  const months = `select unnest(range(first_month, (month_of(date '${asOf}') + interval 1 month)::timestamp, interval 1 month))::date as period_start`
    + ' from (select month_of(min(added_on))::timestamp as first_month from dsr_entries)';
  const onRegister = `select m.period_start, m.month_end, e.record_key, e.area from (select period_start, (period_start + interval 1 month)::date as month_end from (${months})) m`
    + ' join dsr_entries e on e.added_on < m.month_end and (e.removed_on is null or e.removed_on >= m.month_end)';
  const snapshot = `select o.period_start, coalesce(r.rating, 'unrated') as b0, coalesce(o.area, 'unknown') as b1 from (${onRegister}) o`
    + " asof left join (select entry_key, event_on, rating from dsr_events where event = 'rating') r on o.record_key = r.entry_key and o.month_end > r.event_on";
  const sums = ['ehc-plans-within-20-weeks', 'ehc-plans-within-20-weeks-excluding-exceptions', 'assessment-decisions-within-6-weeks', 'not-issue-decisions-within-16-weeks',
    'advice-within-6-weeks', 'annual-reviews-within-12-months', 'review-decisions-within-4-weeks', 'amended-plans-within-8-weeks', 'phase-transfers-on-time',
    'year-9-reviews-considering-adulthood', 'autism-assessments-within-3-months', 'first-contact-within-13-weeks', 'wheelchairs-within-18-weeks', 'equipment-within-6-weeks',
    're-referral-rate', 're-referrals-resumed', 'dsr-admissions'].map((s) => `'${s}'`).join(', ');
  const rollups = (['quarter', 'year'] as const).flatMap((grain) => [
    `insert into iv select indicator, '${grain}', date_trunc('${grain}', period_start)::date, breakdown, breakdown_value, sum(numerator), sum(denominator),`
      + ` case when indicator <> 'dsr-admissions' then pct(sum(numerator), sum(denominator)) end from iv where grain = 'month' and indicator in (${sums})`
      + ` group by indicator, date_trunc('${grain}', period_start)::date, breakdown, breakdown_value`,
    `insert into iv select v.indicator, '${grain}', l.p, v.breakdown, v.breakdown_value, v.numerator, v.denominator, v.value from iv v join (select date_trunc('${grain}', period_start)::date as p, max(period_start) as last`
      + ` from iv where grain = 'month' and indicator = 'dsr-entries-by-rating' group by 1) l on v.period_start = l.last where v.grain = 'month' and v.indicator = 'dsr-entries-by-rating'`,
  ]);
  return [
    'create or replace macro month_of(d) as date_trunc(\'month\', d)::date',
    // Half-up rounding to 0.1 percentage points in exact integer arithmetic (as PostgreSQL's numeric round does).
    "create or replace macro pct(n, d) as printf('%.1f', ((2000 * n + d) // (2 * d)) / 10.0)",
    'create or replace table iv (indicator varchar, grain varchar, period_start date, breakdown varchar, breakdown_value varchar, numerator bigint, denominator bigint, value varchar)',
    // EHC plans within 20 weeks (reg 13(2)), day 140 in time; DfE's two definitions.
    proportion('ehc-plans-within-20-weeks', 'ehc_requests', plans, 'plan_issued_on', 'plan_issued_on <= received_on + 140', [AREA, NEED, AGE]),
    proportion('ehc-plans-within-20-weeks-excluding-exceptions', 'ehc_requests', `${plans} and not exceptions_apply`, 'plan_issued_on', 'plan_issued_on <= received_on + 140', [AREA, NEED, AGE]),
    proportion('assessment-decisions-within-6-weeks', 'ehc_requests', "coalesce(request_outcome, 'assess') in ('assess', 'not-assess')", 'request_outcome_on', 'request_outcome_on <= received_on + 42', [AREA, NEED]),
    proportion('not-issue-decisions-within-16-weeks', 'ehc_requests', "assessment_outcome = 'not-issue'", 'assessment_outcome_on', 'assessment_outcome_on <= received_on + 112', [AREA]),
    proportion('advice-within-6-weeks', 'advice_requests', 'not missed_appointment', 'received_on', 'received_on <= requested_on + 42', [PROVIDER, ['advice-type', 'advice_type'], AREA]),
    proportion('annual-reviews-within-12-months', reviews, 'true', 'decision_on', 'decision_on <= basis_on + interval 12 month', [AREA, NEED, AGE]),
    proportion('review-decisions-within-4-weeks', 'annual_reviews', 'meeting_on is not null', 'decision_on', 'decision_on <= meeting_on + 28', [AREA]),
    proportion('amended-plans-within-8-weeks', 'annual_reviews', 'amendments_proposed_on is not null', 'amended_plan_issued_on', 'amended_plan_issued_on <= amendments_proposed_on + 56', [AREA]),
    proportion('phase-transfers-on-time', transfers, 'true', 'amended_plan_issued_on', 'amended_plan_issued_on <= last_day', [AREA]),
    proportion('year-9-reviews-considering-adulthood', 'annual_reviews', 'year_group >= 9', 'meeting_on', 'coalesce(pfa_considered, false)', [AREA, NEED]),
    proportion('autism-assessments-within-3-months', 'referrals', "pathway = 'autism' and accepted_on is not null", 'first_contact_on', 'first_contact_on <= accepted_on + interval 3 month', [PROVIDER, AREA]),
    proportion('first-contact-within-13-weeks', 'referrals', 'true', 'first_contact_on', 'first_contact_on <= referred_on + 91', [PATHWAY, AREA, PROVIDER]),
    proportion('wheelchairs-within-18-weeks', 'equipment_requests', "equipment_type = 'wheelchair'", 'delivered_on', 'delivered_on <= identified_on + 126', [AREA, PROVIDER]),
    proportion('equipment-within-6-weeks', 'equipment_requests', 'true', 'delivered_on', 'delivered_on <= identified_on + 42', [AREA, ['equipment-type', 'equipment_type'], PROVIDER]),
    duration('assessment-wait-median-weeks', 'referrals', asdSlt, 'referred_on', 'first_contact_on', 0.5, [PATHWAY, AREA, PROVIDER]),
    duration('assessment-wait-p90-weeks', 'referrals', asdSlt, 'referred_on', 'first_contact_on', 0.9, [PATHWAY, AREA, PROVIDER]),
    "insert into iv select 'assessment-wait-area-range-weeks', 'month', period_start, '', '', null, count(*), printf('%.1f', max(value::double) - min(value::double)) from iv"
      + " where indicator = 'assessment-wait-median-weeks' and grain = 'month' and breakdown = 'area' and breakdown_value <> 'unknown' group by period_start having count(*) >= 2",
    duration('equipment-wait-median-weeks', 'equipment_requests', 'true', 'identified_on', 'delivered_on', 0.5, [AREA, ['equipment-type', 'equipment_type']]),
    proportion('re-referral-rate', 'referrals', 'true', 'referred_on', 'previous_referral_key is not null', [PATHWAY, PROVIDER, AREA]),
    proportion('re-referrals-resumed', 'referrals', 'previous_referral_key is not null and resumed_pathway is not null', 'referred_on', 'resumed_pathway', [PATHWAY, PROVIDER]),
    grouped('dsr-entries-by-rating', snapshot, ['rating', 'area'], 'count(*), null, null'),
    grouped('dsr-admissions', "select month_of(ev.event_on) as period_start, coalesce(e.area, 'unknown') as b0 from dsr_events ev join dsr_entries e on e.record_key = ev.entry_key where ev.event = 'admission'",
      ['area'], 'count(*), null, null'),
    ...rollups,
  ];
}

/** Runs the hand-written computation (the timed "compute"). */
export async function computeDuckDb(session: DuckDbSession, asOf: string): Promise<void> {
  for (const statement of indicatorStatements(asOf)) await session.connection.run(statement);
}

/** Every indicator row as `indicator|grain|period|breakdown|value` → `numerator|denominator|value` ('' for null). */
export async function duckDbValues(session: DuckDbSession): Promise<Map<string, string>> {
  const reader = await session.connection.runAndReadAll("select concat_ws('|', indicator, grain, period_start::varchar, breakdown, breakdown_value),"
    + " concat_ws('|', coalesce(numerator::varchar, ''), coalesce(denominator::varchar, ''), coalesce(value, '')) from iv");
  return new Map(reader.getRowsJS().map((row) => [String(row[0]), String(row[1])]));
}
