-- A plan measure becomes a defined measure (closed vocabulary, see src/measures/measure-definition.ts),
-- with a series of values per period and breakdown.

alter table measures
  add column slug text check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  add column title text,
  add column kind text check (kind in ('count', 'proportion', 'rate', 'duration', 'timeliness', 'survey-positive', 'milestone', 'gap')),
  add column unit text check (unit in ('percent', 'count', 'per-1000', 'per-100', 'days', 'weeks', 'milestone')),
  add column polarity text check (polarity in ('higher-is-better', 'lower-is-better', 'neither')),
  add column period_grain text check (period_grain in ('month', 'quarter', 'year')),
  add column breakdowns jsonb not null default '[]',
  add column suppression_threshold integer not null default 5 check (suppression_threshold between 0 and 100),
  add column target_value numeric,
  add column target_on date,
  add column target_relative text check (target_relative in ('in-line-with-national', 'reduce-variation', 'increase', 'decrease')),
  add column national_comparator jsonb,
  add column owner_organisation_id uuid,
  add column measure_references jsonb not null default '[]',
  add constraint measures_owner foreign key (partnership_id, owner_organisation_id) references organisations (partnership_id, id);

create unique index measures_slug on measures (partnership_id, slug) where slug is not null;

create table measure_values (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  measure_id uuid not null,
  period text not null,
  period_start date not null,
  breakdown text not null default '',
  breakdown_value text not null default '',
  numerator numeric,
  denominator numeric,
  value numeric,
  source text not null,
  synthetic boolean not null default false,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  check (denominator is null or denominator >= 0),
  check (numerator is null or numerator >= 0),
  check (value is not null or numerator is not null),
  unique (measure_id, period, breakdown, breakdown_value, revision),
  foreign key (partnership_id, measure_id) references measures (partnership_id, id) on delete cascade
);
create index measure_values_series on measure_values (measure_id, breakdown, breakdown_value, period_start);
