-- A progress update is reported by the signed-in person (issue 12 item 13), optionally on behalf of someone
-- else (free text, e.g. "SEND team"). `author` keeps the reporter's name as it was when they reported, so the
-- update still reads the same if the person is renamed or deleted; older updates keep their free-text author.
alter table progress_updates
  add column reported_by_person_id uuid references people (id) on delete set null,
  add column on_behalf_of text check (length(on_behalf_of) <= 200);
