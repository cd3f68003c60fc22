// Kysely types of the casework tables (migration 0006), kept apart from schema.ts by area.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './schema.ts';

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

/** Differences a parallel recompute's helper connections hand to its transaction (migration 0007; unlogged, transient). */
export interface CaseworkRecomputeRowsTable {
  run_id: string;
  created_at: CreatedAt;
  partnership_id: string;
  indicator: string;
  grain: string;
  period_start: string;
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  value: ColumnType<string | null, number | null, number | null>;
  change: '+' | '-' | '~';
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
  casework_recompute_rows: CaseworkRecomputeRowsTable;
}
