-- Plan model. Every table carries partnership_id (the tenant); child tables reference their
-- parent through (partnership_id, id) so a row can never point into another partnership.

create table partnerships (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships (id) on delete cascade,
  name text not null,
  kind text not null default 'other'
    check (kind in ('council', 'icb', 'nhs-provider', 'school-or-setting', 'parent-carer-forum', 'sendiass', 'other')),
  area text,
  unique (partnership_id, name),
  unique (partnership_id, id)
);

create table plans (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null,
  area text,
  summary text,
  source_title text,
  source_url text,
  source_publisher text,
  source_note text,
  source_format text not null check (source_format in ('plan-file', 'labelled-text')),
  action_ref_prefixes jsonb not null default '{}',
  published boolean not null default true,
  imported_at timestamptz not null default now(),
  unique (partnership_id, slug),
  unique (partnership_id, id)
);

create table plan_import_warnings (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  plan_id uuid not null,
  position integer not null,
  location text not null,
  message text not null,
  foreign key (partnership_id, plan_id) references plans (partnership_id, id) on delete cascade
);

create table priorities (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  plan_id uuid not null,
  position integer not null,
  kind text not null check (kind in ('workstream', 'recommendation', 'priority')),
  title text not null,
  finding text,
  aim text,
  unique (plan_id, position),
  unique (partnership_id, id),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id) on delete cascade
);

create table outcomes (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  priority_id uuid not null,
  position integer not null,
  statement text not null,
  audience text check (audience in ('children-young-people-families', 'professionals')),
  what_will_be_different jsonb not null default '[]',
  how_measured text,
  what_we_want text,
  what_we_will_do text,
  where_are_we_now text,
  what_we_will_see text,
  difference_this_will_make text,
  unique (priority_id, position),
  unique (partnership_id, id),
  foreign key (partnership_id, priority_id) references priorities (partnership_id, id) on delete cascade
);

create table actions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  plan_id uuid not null,
  ref text not null,
  title text,
  owner_organisation_id uuid,
  due_on date,
  status text not null default 'not-started'
    check (status in ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
  unique (plan_id, ref),
  unique (partnership_id, id),
  foreign key (partnership_id, plan_id) references plans (partnership_id, id) on delete cascade,
  foreign key (partnership_id, owner_organisation_id) references organisations (partnership_id, id)
);

create table outcome_actions (
  partnership_id uuid not null,
  outcome_id uuid not null,
  action_id uuid not null,
  position integer not null,
  primary key (outcome_id, action_id),
  foreign key (partnership_id, outcome_id) references outcomes (partnership_id, id) on delete cascade,
  foreign key (partnership_id, action_id) references actions (partnership_id, id) on delete cascade
);
create index outcome_actions_action on outcome_actions (action_id);

create table measures (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  outcome_id uuid not null,
  position integer not null,
  description text not null,
  source text,
  baseline_text text,
  baseline_value numeric,
  baseline_unit text,
  baseline_n integer check (baseline_n >= 0),
  baseline_period text,
  target text,
  unique (outcome_id, position),
  unique (partnership_id, id),
  foreign key (partnership_id, outcome_id) references outcomes (partnership_id, id) on delete cascade
);

create table milestones (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  action_id uuid not null,
  position integer not null,
  title text not null,
  due_on date,
  completed_on date,
  unique (action_id, position),
  foreign key (partnership_id, action_id) references actions (partnership_id, id) on delete cascade
);

create table progress_updates (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  action_id uuid not null,
  reported_on date not null,
  what_we_did text not null check (length(what_we_did) <= 5000),
  author text not null,
  status_after text check (status_after in ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
  created_at timestamptz not null default now(),
  foreign key (partnership_id, action_id) references actions (partnership_id, id) on delete cascade
);
create index progress_updates_action on progress_updates (action_id, reported_on desc);
