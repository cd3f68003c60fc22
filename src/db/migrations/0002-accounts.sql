-- People, memberships (organisation + role within a partnership), sessions, sign-in back-off,
-- one-time links (password reset, invitation), single sign-on connections and the audit trail.

create table people (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships (id) on delete cascade,
  email text not null check (email = lower(email) and email like '%_@_%'),
  display_name text not null,
  password_hash text,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  unique (email),
  unique (partnership_id, id)
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  person_id uuid not null,
  organisation_id uuid not null,
  role text not null check (role in ('partnership-admin', 'plan-editor', 'analyst', 'data-submitter', 'viewer', 'forum-member')),
  created_at timestamptz not null default now(),
  unique (person_id, organisation_id, role),
  unique (partnership_id, id),
  foreign key (partnership_id, person_id) references people (partnership_id, id) on delete cascade,
  foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
);

-- The session id is never stored: only its SHA-256, so a database read does not yield live sessions.
create table sessions (
  id_hash text primary key,
  partnership_id uuid not null,
  person_id uuid not null,
  membership_id uuid not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (partnership_id, person_id) references people (partnership_id, id) on delete cascade,
  foreign key (partnership_id, membership_id) references memberships (partnership_id, id) on delete cascade
);
create index sessions_person on sessions (person_id);

-- Failed sign-ins per email (hashed), whether or not an account exists, so back-off reveals nothing.
create table sign_in_failures (
  email_hash text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure_at timestamptz not null default now()
);

create table one_time_links (
  token_hash text primary key,
  partnership_id uuid not null references partnerships (id) on delete cascade,
  purpose text not null check (purpose in ('password-reset', 'invitation')),
  email text not null,
  organisation_id uuid,
  role text,
  created_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table sso_connections (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  display_name text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  email_domains jsonb not null default '[]',
  organisation_id uuid not null,
  default_role text not null default 'viewer'
    check (default_role in ('partnership-admin', 'plan-editor', 'analyst', 'data-submitter', 'viewer', 'forum-member')),
  unique (slug),
  foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
);

create table audit_events (
  id bigint generated always as identity primary key,
  partnership_id uuid,
  at timestamptz not null default now(),
  actor_person_id uuid,
  actor text not null,
  action text not null,
  record_type text,
  record_id text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_events_partnership_at on audit_events (partnership_id, at desc);

-- Append-only: the trail cannot be edited or deleted through the application's connection.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
