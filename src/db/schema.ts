import type { ColumnType, Generated } from 'kysely';

/** Row types of the tables, as Kysely sees them. Dates (`*_on`) travel as 'YYYY-MM-DD' strings. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** A JSON column with a database default: optional on insert. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrganisationsTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  kind: Generated<string>;
  area: string | null;
  /** Set from the name by a trigger when not given (migration 0005). */
  code: Generated<string>;
}

export interface PlansTable {
  id: Generated<string>;
  partnership_id: string;
  slug: string;
  title: string;
  area: string | null;
  summary: string | null;
  source_title: string | null;
  source_url: string | null;
  source_publisher: string | null;
  source_note: string | null;
  source_format: 'plan-file' | 'labelled-text';
  action_ref_prefixes: Json<Record<string, string>>;
  published: Generated<boolean>;
  imported_at: CreatedAt;
}

export interface PlanImportWarningsTable {
  id: Generated<string>;
  partnership_id: string;
  plan_id: string;
  position: number;
  location: string;
  message: string;
}

export interface PrioritiesTable {
  id: Generated<string>;
  partnership_id: string;
  plan_id: string;
  position: number;
  kind: string;
  title: string;
  finding: string | null;
  aim: string | null;
}

export interface OutcomesTable {
  id: Generated<string>;
  partnership_id: string;
  priority_id: string;
  position: number;
  statement: string;
  audience: string | null;
  what_will_be_different: Json<string[]>;
  how_measured: string | null;
  what_we_want: string | null;
  what_we_will_do: string | null;
  where_are_we_now: string | null;
  what_we_will_see: string | null;
  difference_this_will_make: string | null;
}

export interface ActionsTable {
  id: Generated<string>;
  partnership_id: string;
  plan_id: string;
  ref: string;
  title: string | null;
  owner_organisation_id: string | null;
  due_on: string | null;
  status: Generated<string>;
}

export interface OutcomeActionsTable {
  partnership_id: string;
  outcome_id: string;
  action_id: string;
  position: number;
}

export interface MeasuresTable extends MeasureDefinitionColumns, CaseworkMeasureColumns {
  id: Generated<string>;
  partnership_id: string;
  outcome_id: string;
  position: number;
  description: string;
  source: string | null;
  baseline_text: string | null;
  baseline_value: ColumnType<string | null, number | null, number | null>;
  baseline_unit: string | null;
  baseline_n: number | null;
  baseline_period: string | null;
  target: string | null;
}

export interface MilestonesTable {
  id: Generated<string>;
  partnership_id: string;
  action_id: string;
  position: number;
  title: string;
  due_on: string | null;
  completed_on: string | null;
}

export interface ProgressUpdatesTable {
  id: Generated<string>;
  partnership_id: string;
  action_id: string;
  reported_on: string;
  what_we_did: string;
  author: string;
  status_after: string | null;
  created_at: CreatedAt;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

export interface Schema extends AccountsSchema, CaseworkSchema {
  measure_values: MeasureValuesTable;
  partnerships: PartnershipsTable;
  organisations: OrganisationsTable;
  plans: PlansTable;
  plan_import_warnings: PlanImportWarningsTable;
  priorities: PrioritiesTable;
  outcomes: OutcomesTable;
  actions: ActionsTable;
  outcome_actions: OutcomeActionsTable;
  measures: MeasuresTable;
  milestones: MilestonesTable;
  progress_updates: ProgressUpdatesTable;
  schema_migrations: SchemaMigrationsTable;
  return_schedules: ReturnSchedulesTable;
  data_returns: DataReturnsTable;
  return_revisions: ReturnRevisionsTable;
  return_values: ReturnValuesTable;
  api_tokens: ApiTokensTable;
}

export interface PeopleTable {
  id: Generated<string>;
  partnership_id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  last_sign_in_at: Date | null;
}

export interface MembershipsTable {
  id: Generated<string>;
  partnership_id: string;
  person_id: string;
  organisation_id: string;
  role: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id_hash: string;
  partnership_id: string;
  person_id: string;
  membership_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, Date>;
}

export interface SignInFailuresTable {
  email_hash: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: ColumnType<Date, Date | undefined, Date>;
}

export interface OneTimeLinksTable {
  token_hash: string;
  partnership_id: string;
  purpose: 'password-reset' | 'invitation';
  email: string;
  organisation_id: string | null;
  role: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date, Date>;
  used_at: Date | null;
}

export interface SsoConnectionsTable {
  id: Generated<string>;
  partnership_id: string;
  slug: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  email_domains: Json<string[]>;
  organisation_id: string;
  default_role: Generated<string>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  partnership_id: string | null;
  at: CreatedAt;
  actor_person_id: string | null;
  actor: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
}

export interface AccountsSchema {
  people: PeopleTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  one_time_links: OneTimeLinksTable;
  sso_connections: SsoConnectionsTable;
  audit_events: AuditEventsTable;
}

export interface MeasureValuesTable {
  id: Generated<string>;
  partnership_id: string;
  measure_id: string;
  period: string;
  period_start: string;
  breakdown: Generated<string>;
  breakdown_value: Generated<string>;
  numerator: ColumnType<string | null, number | null, number | null>;
  denominator: ColumnType<string | null, number | null, number | null>;
  value: ColumnType<string | null, number | null, number | null>;
  source: string;
  synthetic: Generated<boolean>;
  revision: Generated<number>;
  created_at: CreatedAt;
}

/** Columns migration 0004 adds to measures: the measure's definition. */
export interface MeasureDefinitionColumns {
  slug: ColumnType<string | null, string | null | undefined, string | null>;
  title: ColumnType<string | null, string | null | undefined, string | null>;
  kind: ColumnType<string | null, string | null | undefined, string | null>;
  unit: ColumnType<string | null, string | null | undefined, string | null>;
  polarity: ColumnType<string | null, string | null | undefined, string | null>;
  period_grain: ColumnType<string | null, string | null | undefined, string | null>;
  breakdowns: JsonWithDefault<string[]>;
  suppression_threshold: Generated<number>;
  target_value: ColumnType<string | null, number | null | undefined, number | null>;
  target_on: ColumnType<string | null, string | null | undefined, string | null>;
  target_relative: ColumnType<string | null, string | null | undefined, string | null>;
  national_comparator: ColumnType<{ indicator: string; population: string; need?: string; basis?: string } | null, string | null | undefined, string | null>;
  owner_organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
  measure_references: JsonWithDefault<string[]>;
}

// ---- Data returns (migration 0005) ----

export interface ReturnSchedulesTable {
  id: Generated<string>;
  partnership_id: string;
  slug: string;
  measure_id: string;
  organisation_id: string;
  period_grain: string;
  value_shape: string;
  breakdown: Generated<string>;
  breakdown_values: JsonWithDefault<string[]>;
  deadline_days: Generated<number>;
  first_period_start: string;
  last_period_start: string | null;
  guidance: Generated<string>;
  created_at: CreatedAt;
}

export interface DataReturnsTable {
  id: Generated<string>;
  partnership_id: string;
  schedule_id: string;
  period_start: string;
  status: string;
  revision: Generated<number>;
  note: Generated<string>;
  returned_reason: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  updated_at: Generated<Date>;
}

export interface ReturnRevisionsTable {
  id: Generated<string>;
  partnership_id: string;
  return_id: string;
  revision: number;
  action: string;
  channel: string;
  actor: string;
  actor_person_id: string | null;
  note: Generated<string>;
  reason: string | null;
  file_name: string | null;
  created_at: CreatedAt;
}

export interface ReturnValuesTable {
  partnership_id: string;
  revision_id: string;
  breakdown_value: string;
  numerator: ColumnType<string | null, number | null, number | null>;
  denominator: ColumnType<string | null, number | null, number | null>;
  value: ColumnType<string | null, number | null, number | null>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: JsonWithDefault<string[]>;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

// ---- Casework records (migration 0006) ----

/** Columns every casework record table has: tenancy, the import that wrote it, and hashed identifiers. */
interface CaseworkRecordColumns {
  id: Generated<string>;
  partnership_id: string;
  import_id: string;
  /** HMAC-SHA256 (hex) of the partner's own case reference. */
  record_key: string;
  /** HMAC-SHA256 (hex) of the partner's person identifier. */
  person_pseudonym: string;
  area: string;
  age_band: string | null;
}

export interface CaseworkImportsTable {
  id: Generated<string>;
  partnership_id: string;
  kind: string;
  imported_at: CreatedAt;
  actor: string;
  actor_person_id: string | null;
  file_sha256: string;
  row_count: Generated<number>;
  inserted_count: Generated<number>;
  replaced_count: Generated<number>;
  /** Month starts; drivers return date arrays as Date objects or strings. */
  months_touched: ColumnType<(string | Date)[], string | undefined, string>;
}

export interface CaseworkEhcRequestsTable extends CaseworkRecordColumns {
  primary_need: string | null;
  received_on: string;
  request_outcome: string | null;
  request_outcome_on: string | null;
  assessment_outcome: string | null;
  assessment_outcome_on: string | null;
  draft_issued_on: string | null;
  plan_issued_on: string | null;
  exception_a: Generated<boolean>;
  exception_b: Generated<boolean>;
  exception_c: Generated<boolean>;
  exception_d: Generated<boolean>;
  exceptions_apply: Generated<boolean>;
}

export interface CaseworkAdviceRequestsTable extends CaseworkRecordColumns {
  request_key: string | null;
  advice_type: string;
  provider: string;
  requested_on: string;
  received_on: string | null;
  missed_appointment: Generated<boolean>;
}

export interface CaseworkAnnualReviewsTable extends CaseworkRecordColumns {
  primary_need: string | null;
  year_group: number | null;
  plan_issued_on: string | null;
  previous_review_on: string | null;
  meeting_on: string | null;
  report_sent_on: string | null;
  decision: string | null;
  decision_on: string | null;
  amendments_proposed_on: string | null;
  amended_plan_issued_on: string | null;
  pfa_considered: boolean | null;
}

export interface CaseworkPhaseTransfersTable extends CaseworkRecordColumns {
  primary_need: string | null;
  transfer_type: string;
  transfer_year: number;
  amended_plan_issued_on: string | null;
}

export interface CaseworkReferralsTable extends CaseworkRecordColumns {
  pathway: string;
  provider: string;
  referred_on: string;
  accepted_on: string | null;
  first_contact_on: string | null;
  discharged_on: string | null;
  previous_referral_key: string | null;
  resumed_pathway: boolean | null;
}

export interface CaseworkEquipmentRequestsTable extends CaseworkRecordColumns {
  equipment_type: string;
  provider: string | null;
  identified_on: string;
  delivered_on: string | null;
}

export interface CaseworkDsrEntriesTable extends CaseworkRecordColumns {
  cohort: string | null;
  added_on: string;
  removed_on: string | null;
}

export interface CaseworkDsrEventsTable {
  id: Generated<string>;
  partnership_id: string;
  import_id: string;
  record_key: string;
  entry_key: string;
  event: string;
  event_on: string;
  rating: string | null;
  review_type: string | null;
}

export interface CaseworkIndicatorValuesTable {
  partnership_id: string;
  indicator: string;
  grain: string;
  period_start: string;
  breakdown: Generated<string>;
  breakdown_value: Generated<string>;
  numerator: number | null;
  denominator: number | null;
  value: ColumnType<string | null, number | null, number | null>;
  computed_at: CreatedAt;
}

/** The column migration 0006 adds to measures: `casework:<indicator>` when values are computed from casework. */
export interface CaseworkMeasureColumns {
  computed_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CaseworkSchema {
  casework_imports: CaseworkImportsTable;
  casework_ehc_requests: CaseworkEhcRequestsTable;
  casework_advice_requests: CaseworkAdviceRequestsTable;
  casework_annual_reviews: CaseworkAnnualReviewsTable;
  casework_phase_transfers: CaseworkPhaseTransfersTable;
  casework_referrals: CaseworkReferralsTable;
  casework_equipment_requests: CaseworkEquipmentRequestsTable;
  casework_dsr_entries: CaseworkDsrEntriesTable;
  casework_dsr_events: CaseworkDsrEventsTable;
  casework_indicator_values: CaseworkIndicatorValuesTable;
}
