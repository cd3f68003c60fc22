-- A full recompute of the casework indicators on PostgreSQL computes indicator groups on two connections at once
-- (src/modules/casework/casework-parallel-recompute.ts); each connection hands the differences it found between its
-- freshly computed rows and casework_indicator_values ('+' new, '-' gone, '~' changed) to the recompute's own
-- transaction through this table, which applies them and deletes them before it commits. UNLOGGED: the rows live
-- for seconds, and nothing here is needed after a crash (PostgreSQL empties the table then).
create unlogged table casework_recompute_rows (
  run_id uuid not null,
  created_at timestamptz not null default now(),
  partnership_id uuid not null,
  indicator text collate "C" not null,
  grain text collate "C" not null,
  period_start date not null,
  breakdown text collate "C" not null,
  breakdown_value text collate "C" not null,
  numerator bigint,
  denominator bigint,
  value numeric,
  change text collate "C" not null check (change in ('+', '-', '~'))
);
