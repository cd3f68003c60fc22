import type { ColumnType, Generated } from 'kysely';
import type { CaseworkMeasureColumns, CaseworkSchema } from './schema-casework.ts';

export type * from './schema-casework.ts';
export type * from './schema-returns.ts';
import type { ApiTokensTable, DataReturnsTable, ReturnRevisionsTable, ReturnSchedulesTable, ReturnValuesTable } from './schema-returns.ts';

/** Row types of the tables, as Kysely sees them. Dates (`*_on`) travel as 'YYYY-MM-DD' strings. */

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
/** A JSON column with a database default: optional on insert. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: CreatedAt;
  /** The smallest count that may be shown (migration 0008): the floor of every measure's threshold. */
  disclosure_threshold: Generated<number>;
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
  /** The signed-in person who reported it (migration 0009); null for older updates and deleted people. */
  reported_by_person_id: string | null;
  on_behalf_of: string | null;
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
