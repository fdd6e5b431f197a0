#include "central/central_schema.hpp"

namespace onthaal::central {
namespace {

// Step 1: sites and their enrolled devices. A device's bearer token is stored only as a hash;
// hash_key is the site's key for national-number hashes, handed to its devices.
constexpr const char* kStep1 = R"sql(
CREATE TABLE site (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT NOT NULL CHECK (province IN ('A','L','O','V','W','B')),
  hash_key BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE device (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('kiosk', 'desk', 'coach')),
  token_hash BLOB NOT NULL UNIQUE,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  created_at TEXT NOT NULL
);
CREATE INDEX device_by_site ON device(site_id);
)sql";

// Step 2: what VDAB's planning feeds in (staff, clients, appointments), the facts devices push
// (attendance events, each with the mutation id that carried it), the record of every applied
// mutation (so a repeat returns the first result), the change feed devices pull from (a
// server sequence per change), and conflicts kept for human review.
constexpr const char* kStep2 = R"sql(
ALTER TABLE device ADD COLUMN staff_id TEXT;
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE client (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  national_number_hash BLOB,
  language TEXT NOT NULL,
  programme TEXT NOT NULL,
  coach_id TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE appointment (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  client_id TEXT NOT NULL REFERENCES client(id),
  staff_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('first', 'regular')),
  registered INTEGER NOT NULL CHECK (registered IN (0, 1)),
  starts_at TEXT NOT NULL,
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  location TEXT NOT NULL,
  checkin_code TEXT NOT NULL,
  outcome TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (site_id, checkin_code)
);
CREATE INDEX appointment_by_client ON appointment(client_id);
CREATE TABLE attendance_event (
  seq INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  appointment_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device_time TEXT NOT NULL,
  base_version INTEGER,
  received_at TEXT NOT NULL
);
CREATE INDEX attendance_by_site ON attendance_event(site_id, seq);
CREATE TABLE applied_mutation (
  mutation_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
  result TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id TEXT NOT NULL,
  coach_id TEXT,
  coach_only INTEGER NOT NULL DEFAULT 0,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload TEXT NOT NULL
);
CREATE INDEX change_by_site ON change_log(site_id, seq);
CREATE TABLE conflict (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  mutation_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  base_version INTEGER,
  server_version INTEGER,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

// Step 3: staff sign-in for the desk (argon2id hashes, checked offline on the devices, so they
// travel with the staff record), and the signals the rules raise (e.g. "service refused because
// of absence" to VDAB's mediator).
constexpr const char* kStep3 = R"sql(
ALTER TABLE staff ADD COLUMN username TEXT;
ALTER TABLE staff ADD COLUMN password_hash TEXT;
CREATE UNIQUE INDEX staff_by_username ON staff(site_id, username);
CREATE TABLE service_signal (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  mutation_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql";

// Step 4: which device a change came from, so a device is not sent its own facts back (it has
// them already; echoing them doubled its write load while pushing).
constexpr const char* kStep4 = R"sql(
ALTER TABLE change_log ADD COLUMN origin_device TEXT;
)sql";

// Step 5: what kiosks receive (issue 12, item 4): each change's kiosk view (NULL: not for
// kiosks) and, for dated records, when it stops being theirs. Rows from before get their view
// here, computed in SQL the way the entity modules now write it.
constexpr const char* kStep5 = R"sql(
ALTER TABLE change_log ADD COLUMN kiosk_payload TEXT;
ALTER TABLE change_log ADD COLUMN kiosk_until TEXT;
UPDATE change_log SET kiosk_payload = payload, kiosk_until = json_extract(payload, '$.occurred_at')
  WHERE entity = 'attendance' AND coach_only = 0;
UPDATE change_log SET kiosk_payload = json_object('id', entity_id,
    'name', json_extract(payload, '$.name'), 'version', json_extract(payload, '$.version'))
  WHERE entity = 'staff' AND op = 'upsert';
UPDATE change_log SET kiosk_until = json_extract(payload, '$.starts_at'),
    kiosk_payload = (SELECT json_set(change_log.payload, '$.client', json_object('id', c.id,
        'first_name', c.first_name, 'national_number_hash', CASE WHEN c.national_number_hash IS NULL THEN NULL
          ELSE lower(hex(c.national_number_hash)) END,
        'language', c.language, 'version', c.version))
      FROM client c WHERE c.id = json_extract(change_log.payload, '$.client_id'))
  WHERE entity = 'appointment' AND op = 'upsert' AND coach_only = 0;
)sql";

// Step 6: which national-number hashes are still of the old scheme (plain HMAC, 2.3 million
// candidates a second with the key). New rows are of the argon2id scheme; the rows marked 1 here
// are converted when central opens the database (upgrade_national_number_hashes).
constexpr const char* kStep6 = R"sql(
ALTER TABLE client ADD COLUMN national_number_hash_scheme INTEGER NOT NULL DEFAULT 2;
UPDATE client SET national_number_hash_scheme = 1 WHERE national_number_hash IS NOT NULL;
)sql";

// Step 7: a client's services (issue 13): the enrolment in a programme with its tender's
// parameters, VDAB's month-end categories, and the facts the partner registers (each kept under
// the id of the mutation that carried it; append-only). The columns the shared readers of
// entities/service_entity.hpp query are the agent's. Every client with a programme gets a
// service here, referred on the Brussels day of its earliest appointment (or today), and its
// site's desks and the client's coach receive it; kiosks never do (kiosk_payload NULL).
constexpr const char* kStep7 = R"sql(
CREATE TABLE service (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  client_id TEXT NOT NULL REFERENCES client(id),
  programme TEXT NOT NULL,
  referred_on TEXT NOT NULL,
  max_duration_months INTEGER,
  project_end TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX service_by_client ON service(client_id);
CREATE TABLE month_category (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  client_id TEXT NOT NULL REFERENCES client(id),
  month TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('active', 'passive')),
  UNIQUE (client_id, month)
);
CREATE TABLE service_fact (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES service(id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_time TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX service_fact_by_service ON service_fact(service_id);
CREATE TRIGGER service_fact_no_update BEFORE UPDATE ON service_fact
BEGIN SELECT RAISE(ABORT, 'service facts are append-only'); END;
CREATE TRIGGER service_fact_no_delete BEFORE DELETE ON service_fact
BEGIN SELECT RAISE(ABORT, 'service facts are append-only'); END;
WITH earliest AS (
  SELECT c.id AS client_id, c.site_id, c.programme, coalesce(
    (SELECT min(a.starts_at) FROM appointment a WHERE a.client_id = c.id),
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) AS t
  FROM client c WHERE c.programme <> ''),
-- Brussels summer time runs from the last Sunday of March to the last Sunday of October, 01:00 UTC.
summer AS (
  SELECT *, datetime(t) >= datetime(date(substr(t, 1, 4) || '-03-31', '-6 days', 'weekday 0'),
      '+1 hour') AND datetime(t) < datetime(date(substr(t, 1, 4) || '-10-31', '-6 days',
      'weekday 0'), '+1 hour') AS dst FROM earliest)
INSERT INTO service (id, site_id, client_id, programme, referred_on)
  SELECT 'svc-' || client_id, site_id, client_id, programme,
    date(t, CASE WHEN dst THEN '+2 hours' ELSE '+1 hour' END) FROM summer ORDER BY client_id;
INSERT INTO change_log (site_id, coach_id, coach_only, entity, entity_id, op, payload)
  SELECT s.site_id, c.coach_id, 0, 'service', s.id, 'upsert', json_object('id', s.id,
    'client_id', s.client_id, 'programme', s.programme, 'referred_on', s.referred_on,
    'max_duration_months', NULL, 'project_end', NULL, 'version', s.version)
  FROM service s JOIN client c ON c.id = s.client_id ORDER BY s.id;
)sql";

// Step 8 (issue 14): a field coach's work. Records people edit (visits, sheets' work plans) keep
// every version (edited_record_version, append-only) and the current one (edited_record, the
// columns the agent has, so entities/ reads both alike); a visit's notes only as the device
// sealed them for central. Stage hours are append-only facts. An edit made on an older version
// is kept as a conflict for review, never applied. A client moved to another coach leaves a
// handover row, so what the old coach recorded before the move still reaches central.
constexpr const char* kStep8 = R"sql(
CREATE TABLE edited_record (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  notes_sealed TEXT,
  PRIMARY KEY (entity, id)
);
CREATE INDEX edited_record_by_service ON edited_record(service_id, entity);
CREATE TABLE edited_record_version (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  notes_sealed TEXT,
  mutation_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  device_time TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (entity, id, version)
);
CREATE TRIGGER edited_record_version_no_update BEFORE UPDATE ON edited_record_version
BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TRIGGER edited_record_version_no_delete BEFORE DELETE ON edited_record_version
BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TABLE stage_hours (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES service(id),
  payload TEXT NOT NULL,
  device_id TEXT NOT NULL DEFAULT '',
  device_time TEXT NOT NULL,
  received_at TEXT
);
CREATE INDEX stage_hours_by_service ON stage_hours(service_id);
CREATE TRIGGER stage_hours_no_update BEFORE UPDATE ON stage_hours
BEGIN SELECT RAISE(ABORT, 'stage hours are append-only'); END;
CREATE TRIGGER stage_hours_no_delete BEFORE DELETE ON stage_hours
BEGIN SELECT RAISE(ABORT, 'stage hours are append-only'); END;
CREATE TABLE record_conflict (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX record_conflict_by_service ON record_conflict(service_id);
CREATE TABLE caseload_handover (
  client_id TEXT NOT NULL,
  coach_id TEXT NOT NULL,
  moved_at TEXT NOT NULL
);
CREATE INDEX caseload_handover_by_client ON caseload_handover(client_id, coach_id);
)sql";

// Step 9 (issue 15): a check-in's number in the day's queue, as the kiosk showed it, so every
// desk of the site can call the client by it.
constexpr const char* kStep9 = R"sql(
ALTER TABLE attendance_event ADD COLUMN queue_number TEXT;
)sql";

// Issue 15: a plan past the 7-day target keeps its reason; the residence and work-permit check
// (002 §3.2, 004 §2.2) is a fact, once per client per day.
constexpr const char* kStep10 = R"sql(
ALTER TABLE appointment ADD COLUMN late_reason TEXT;
CREATE TABLE residence_check (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  checked_on TEXT NOT NULL,
  checked_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX residence_check_by_day ON residence_check(checked_on, client_id);
CREATE TRIGGER residence_check_no_rewrite BEFORE UPDATE ON residence_check
BEGIN SELECT RAISE(ABORT, 'residence checks are append-only'); END;
)sql";

// Issue 15: a desk's call of a checked-in client, passed on to the site's other desks so the
// waiting-room display of each shows every call. Kept two days (no part of the case file), with
// its change in the feed (change_seq), so nothing of it stays longer. A call,
// like a check-in's own checks, asks whether the appointment has a check-in: by an index, not by
// reading every fact of the site.
constexpr const char* kStep11 = R"sql(
CREATE INDEX attendance_by_appointment ON attendance_event(appointment_id, kind);
CREATE TABLE queue_call (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  appointment_id TEXT NOT NULL,
  queue_number TEXT NOT NULL,
  location TEXT NOT NULL,
  called_at TEXT NOT NULL,
  called_by TEXT NOT NULL,
  change_seq INTEGER NOT NULL
);
CREATE INDEX queue_call_by_time ON queue_call(called_at);
)sql";

// Issue 15: each kiosk device of a site gets a letter of its own for its queue numbers (A, B, ...,
// Z, then AA ...), in the order the devices were added, revoked ones included so a letter is never
// given twice; the hello tells the device. Without it two kiosks would both call a client "7".
constexpr const char* kStep12 = R"sql(
ALTER TABLE device ADD COLUMN queue_letter TEXT;
UPDATE device SET queue_letter = (
  WITH r(n) AS (SELECT count(*) FROM device d WHERE d.site_id = device.site_id AND d.role = 'kiosk'
                AND (d.created_at < device.created_at OR (d.created_at = device.created_at
                     AND d.id <= device.id)))
  SELECT CASE WHEN n <= 26 THEN char(64 + n)
              WHEN n <= 702 THEN char(64 + (n - 1) / 26) || char(65 + (n - 1) % 26) END FROM r)
WHERE role = 'kiosk';
)sql";

constexpr store::MigrationStep kSteps[] = {
    {1, "sites and enrolled devices (hashed bearer tokens)", kStep1},
    {2, "planning data, attendance facts, applied mutations, change feed, conflicts", kStep2},
    {3, "staff sign-in hashes and rule signals", kStep3},
    {4, "origin device of each change", kStep4},
    {5, "kiosk view of each change", kStep5},
    {6, "scheme of each national-number hash", kStep6},
    {7, "services, month-end categories, service facts; a service for every client", kStep7},
    {8, "visits and work plans with their versions, stage hours, conflicts for review", kStep8},
    {9, "queue number of each check-in", kStep9},
    {10, "the reason of a late plan, residence and work-permit checks", kStep10},
    {11, "the desks' calls to the desk; check-ins found by their appointment", kStep11},
    {12, "a letter for each kiosk device's queue numbers", kStep12},
};

}  // namespace

std::span<const store::MigrationStep> central_schema_steps() {
    return kSteps;
}

}  // namespace onthaal::central
