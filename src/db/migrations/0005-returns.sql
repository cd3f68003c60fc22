-- Data returns (issue 5): what each organisation owes for each measure, what it sent, and who approved it.

-- A short code for each organisation, used by the command line (--org) and in file names.
alter table organisations add column code text check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
update organisations o set code = numbered.code
from (
  select id, base || case when rn > 1 then '-' || rn else '' end as code
  from (
    select id, base, row_number() over (partition by partnership_id, base order by name) as rn
    from (select id, partnership_id, name, coalesce(nullif(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), ''), 'organisation') as base from organisations) named
  ) ranked
) numbered
where o.id = numbered.id;
create unique index organisations_code on organisations (partnership_id, code);

-- New organisations get a code from their name (with -2, -3 ... if another organisation has it).
create function organisations_default_code() returns trigger language plpgsql as $$
declare
  base text;
  candidate text;
  n integer := 1;
begin
  if new.code is null then
    base := coalesce(nullif(trim(both '-' from regexp_replace(lower(new.name), '[^a-z0-9]+', '-', 'g')), ''), 'organisation');
    candidate := base;
    while exists (select 1 from organisations where partnership_id = new.partnership_id and code = candidate) loop
      n := n + 1;
      candidate := base || '-' || n;
    end loop;
    new.code := candidate;
  end if;
  return new;
end $$;
create trigger organisations_default_code before insert on organisations
  for each row execute function organisations_default_code();

-- A schedule: one organisation supplies one measure, per period, by a deadline after the period ends.
create table return_schedules (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  measure_id uuid not null,
  organisation_id uuid not null,
  period_grain text not null check (period_grain in ('month', 'quarter', 'year')),
  -- ratio: numerator and denominator; count: a count; value: one figure (a median wait in weeks, say)
  value_shape text not null check (value_shape in ('ratio', 'count', 'value')),
  -- the breakdown supplied beside the total ('' for the total only) and its allowed values
  breakdown text not null default '',
  breakdown_values jsonb not null default '[]',
  deadline_days integer not null default 20 check (deadline_days between 0 and 366),
  first_period_start date not null,
  last_period_start date,
  guidance text not null default '',
  created_at timestamptz not null default now(),
  unique (partnership_id, slug),
  unique (partnership_id, id),
  foreign key (partnership_id, measure_id) references measures (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
);

-- One return: a schedule's figures for one period. Its current values are those of its latest revision.
create table data_returns (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  schedule_id uuid not null,
  period_start date not null,
  status text not null check (status in ('draft', 'submitted', 'approved', 'returned')),
  revision integer not null default 0,
  note text not null default '',
  returned_reason text,
  submitted_at timestamptz,
  approved_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (schedule_id, period_start),
  unique (partnership_id, id),
  foreign key (partnership_id, schedule_id) references return_schedules (partnership_id, id) on delete cascade
);

-- Every change, kept: each save or submission is a revision with its own full set of values;
-- approvals and returns are events on the revision they judged.
create table return_revisions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  return_id uuid not null,
  revision integer not null check (revision >= 1),
  action text not null check (action in ('saved', 'submitted', 'approved', 'returned')),
  channel text not null check (channel in ('form', 'upload', 'api', 'command-line', 'review')),
  actor text not null,
  actor_person_id uuid,
  note text not null default '',
  reason text,
  file_name text,
  created_at timestamptz not null default now(),
  unique (partnership_id, id),
  foreign key (partnership_id, return_id) references data_returns (partnership_id, id) on delete cascade
);
create index return_revisions_by_return on return_revisions (return_id, created_at);

create table return_values (
  partnership_id uuid not null,
  revision_id uuid not null,
  -- '' is the total row
  breakdown_value text not null,
  numerator numeric check (numerator >= 0),
  denominator numeric check (denominator >= 0),
  value numeric,
  primary key (revision_id, breakdown_value),
  check (numerator is null or denominator is null or numerator <= denominator),
  foreign key (partnership_id, revision_id) references return_revisions (partnership_id, id) on delete cascade
);

-- API tokens: one organisation, scoped, revocable; only the SHA-256 of the secret is kept.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  organisation_id uuid not null,
  name text not null,
  token_hash text not null unique,
  token_prefix text not null,
  scopes jsonb not null default '["returns:write"]',
  created_by text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
);
