// Kysely types of the data-return tables (migration 0005), kept apart from schema.ts by area.
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonWithDefault } from './schema.ts';

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
