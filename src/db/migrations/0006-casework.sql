-- Casework records (issue 6): pseudonymised case events from which statutory timescales are computed.
-- One table per record kind (src/casework/record-kinds.ts declares their import formats). No table holds a
-- name, an address, a date of birth, a UPN or an NHS number: a person is `person_pseudonym`, an HMAC-SHA256
-- (hex) of the partner's identifier under a key kept outside the database (CASEWORK_PSEUDONYM_KEY), and the
-- partner's own case reference is hashed the same way into `record_key`. Ages are stored as DfE age bands.
-- Codes are COLLATE "C": grouping on them is several times faster than in a linguistic collation
-- (shared/design.md). Field names follow the DfE SEN2 person-level return where one exists.
-- Record tables reach their partnership through the import that wrote them ((partnership_id, import_id), on delete
-- cascade): one foreign key check per row instead of two, since bulk loads of a million rows pay for each. Nothing
-- references a record by id (links between records use the hashed case references), so there is no
-- (partnership_id, id) key; a record is identified by (partnership_id, record_key).

create table casework_imports (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships (id) on delete cascade,
  kind text collate "C" not null check (kind in ('ehc-requests', 'advice-requests', 'annual-reviews', 'phase-transfers',
    'referrals', 'equipment-requests', 'dsr-entries', 'dsr-events')),
  imported_at timestamptz not null default now(),
  actor text not null,
  actor_person_id uuid,
  -- SHA-256 of the uploaded bytes, to recognise a repeated upload. Never the file name: it may name a child.
  file_sha256 text collate "C" not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  row_count integer not null default 0 check (row_count >= 0),
  inserted_count integer not null default 0 check (inserted_count >= 0),
  replaced_count integer not null default 0 check (replaced_count >= 0),
  months_touched date[] not null default '{}',
  unique (partnership_id, id)
);

-- EHC needs assessment requests with their assessment and plan (SEN2 modules 2, 3 and 4a).
create table casework_ehc_requests (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  primary_need text collate "C" check (primary_need in ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH')),
  received_on date not null,
  request_outcome text collate "C" check (request_outcome in ('assess', 'not-assess', 'withdrawn')),
  request_outcome_on date,
  assessment_outcome text collate "C" check (assessment_outcome in ('issue-plan', 'not-issue', 'withdrawn')),
  assessment_outcome_on date,
  draft_issued_on date,
  plan_issued_on date,
  exception_a boolean not null default false,
  exception_b boolean not null default false,
  exception_c boolean not null default false,
  exception_d boolean not null default false,
  -- SEN2 <Week20>: an exception of reg 13(3)(a)-(d) applied (any of the four, or the partner's own flag).
  exceptions_apply boolean not null default false,
  check ((request_outcome is null) = (request_outcome_on is null)),
  check ((assessment_outcome is null) = (assessment_outcome_on is null)),
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_ehc_requests_plan_issued on casework_ehc_requests (partnership_id, plan_issued_on) where plan_issued_on is not null;
create index casework_ehc_requests_request_outcome on casework_ehc_requests (partnership_id, request_outcome_on) where request_outcome_on is not null;
create index casework_ehc_requests_assessment_outcome on casework_ehc_requests (partnership_id, assessment_outcome_on) where assessment_outcome_on is not null;
create index casework_ehc_requests_open on casework_ehc_requests (partnership_id, received_on) where plan_issued_on is null;

-- Requests for advice and information for an assessment (reg 8).
create table casework_advice_requests (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  request_key text collate "C" check (length(request_key) = 64),
  advice_type text collate "C" not null check (advice_type in ('educational-psychology', 'health', 'social-care', 'other')),
  provider text collate "C" not null,
  requested_on date not null,
  received_on date,
  missed_appointment boolean not null default false,
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_advice_requests_received on casework_advice_requests (partnership_id, received_on) where received_on is not null;
create index casework_advice_requests_open on casework_advice_requests (partnership_id, requested_on) where received_on is null;

-- Annual reviews of EHC plans (CFA 2014 s44; regs 20-22; SEN2 module 5a).
create table casework_annual_reviews (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  primary_need text collate "C" check (primary_need in ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH')),
  year_group smallint check (year_group between -2 and 14),
  plan_issued_on date,
  previous_review_on date,
  meeting_on date,
  report_sent_on date,
  decision text collate "C" check (decision in ('maintain', 'amend', 'cease')),
  decision_on date,
  amendments_proposed_on date,
  amended_plan_issued_on date,
  pfa_considered boolean,
  check (plan_issued_on is not null or previous_review_on is not null),
  check ((decision is null) = (decision_on is null)),
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_annual_reviews_decision on casework_annual_reviews (partnership_id, decision_on) where decision_on is not null;
create index casework_annual_reviews_meeting on casework_annual_reviews (partnership_id, meeting_on) where meeting_on is not null;
create index casework_annual_reviews_amended on casework_annual_reviews (partnership_id, amended_plan_issued_on) where amended_plan_issued_on is not null;
create index casework_annual_reviews_open on casework_annual_reviews (partnership_id, coalesce(previous_review_on, plan_issued_on)) where decision_on is null;

-- Phase transfers (reg 18): the amended plan naming the new setting.
create table casework_phase_transfers (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  primary_need text collate "C" check (primary_need in ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH')),
  transfer_type text collate "C" not null check (transfer_type in ('early-years-to-school', 'infant-to-junior', 'primary-to-middle',
    'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16', 'post-16-to-post-16')),
  transfer_year smallint not null check (transfer_year between 2014 and 2100),
  amended_plan_issued_on date,
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_phase_transfers_issued on casework_phase_transfers (partnership_id, amended_plan_issued_on) where amended_plan_issued_on is not null;
create index casework_phase_transfers_open on casework_phase_transfers (partnership_id, transfer_year) where amended_plan_issued_on is null;

-- Referrals to assessment pathways (autism, speech and language, other).
create table casework_referrals (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  pathway text collate "C" not null check (pathway in ('autism', 'speech-and-language', 'other')),
  provider text collate "C" not null,
  referred_on date not null,
  accepted_on date,
  first_contact_on date,
  discharged_on date,
  -- A re-referral: the record_key of the earlier referral, and whether it resumed the pathway where it left off.
  previous_referral_key text collate "C" check (length(previous_referral_key) = 64),
  resumed_pathway boolean,
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_referrals_referred on casework_referrals (partnership_id, referred_on);
create index casework_referrals_first_contact on casework_referrals (partnership_id, first_contact_on) where first_contact_on is not null;
create index casework_referrals_open on casework_referrals (partnership_id, referred_on) where first_contact_on is null;

-- Specialist equipment (including wheelchairs): identified and delivered.
create table casework_equipment_requests (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  equipment_type text collate "C" not null check (equipment_type in ('wheelchair', 'posture-and-seating', 'communication-aid',
    'moving-and-handling', 'sensory', 'other')),
  provider text collate "C",
  identified_on date not null,
  delivered_on date,
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_equipment_requests_delivered on casework_equipment_requests (partnership_id, delivered_on) where delivered_on is not null;
create index casework_equipment_requests_open on casework_equipment_requests (partnership_id, identified_on) where delivered_on is null;

-- Dynamic support register (NHS England policy, 2023): who is on it, and when.
create table casework_dsr_entries (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  person_pseudonym text collate "C" not null check (length(person_pseudonym) = 64),
  area text collate "C" not null,
  age_band text collate "C" check (age_band in ('0-4', '5-10', '11-15', '16-19', '20-25')),
  cohort text collate "C" check (cohort in ('autism', 'learning-disability', 'autism-and-learning-disability')),
  added_on date not null,
  removed_on date,
  check (removed_on is null or removed_on >= added_on),
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_dsr_entries_added on casework_dsr_entries (partnership_id, added_on);

-- What happened to a DSR entry over time: RAG+blue ratings, inpatient admissions and discharges, C(E)TRs.
create table casework_dsr_events (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  import_id uuid not null,
  record_key text collate "C" not null check (length(record_key) = 64),
  entry_key text collate "C" not null check (length(entry_key) = 64),
  event text collate "C" not null check (event in ('rating', 'admission', 'discharge', 'cetr')),
  event_on date not null,
  rating text collate "C" check (rating in ('red', 'amber', 'green', 'blue')),
  review_type text collate "C" check (review_type in ('community', 'post-admission', 'inpatient')),
  check ((event = 'rating') = (rating is not null)),
  check (event = 'cetr' or review_type is null),
  unique (partnership_id, record_key),
  foreign key (partnership_id, import_id) references casework_imports (partnership_id, id) on delete cascade
);
create index casework_dsr_events_entry on casework_dsr_events (partnership_id, entry_key, event, event_on);

-- Indicators computed from the records, per month (quarters and years rolled up from months where they add up).
create table casework_indicator_values (
  partnership_id uuid not null references partnerships (id) on delete cascade,
  indicator text collate "C" not null,
  grain text collate "C" not null check (grain in ('month', 'quarter', 'year')),
  period_start date not null,
  breakdown text collate "C" not null default '',
  breakdown_value text collate "C" not null default '',
  numerator bigint check (numerator >= 0),
  denominator bigint check (denominator >= 0),
  value numeric,
  computed_at timestamptz not null default now(),
  check (value is not null or numerator is not null),
  primary key (partnership_id, indicator, grain, period_start, breakdown, breakdown_value)
);

-- A plan measure whose values are computed from casework: `casework:<indicator>` (src/casework/indicators.ts).
alter table measures add column computed_from text check (computed_from ~ '^casework:[a-z0-9]+(-[a-z0-9]+)*$');
create index measures_computed_from on measures (partnership_id, computed_from) where computed_from is not null;
