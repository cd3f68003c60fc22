-- The partnership's disclosure policy (issue 12 item 4): the smallest count that may be shown. It is the floor of
-- every measure's own threshold and the threshold of the casework indicator pages, so a plan editor cannot turn
-- suppression off; only a partnership administrator changes it (audited as disclosure-policy.updated).
-- At least 3: a threshold of 1 or 2 would show counts of 1 and 2, the very numbers that identify a child.
alter table partnerships
  add column disclosure_threshold integer not null default 5 check (disclosure_threshold between 3 and 100);
