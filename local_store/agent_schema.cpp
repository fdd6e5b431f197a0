#include "local_store/agent_schema.hpp"

namespace onthaal::store {
namespace {

// Step 1: who and what a site works with. The national register number is kept only as a keyed
// hash (DOMAIN.md, Privacy); the key arrives from central with the site record.
constexpr const char* kStep1 = R"sql(
CREATE TABLE site (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT NOT NULL CHECK (province IN ('A','L','O','V','W','B')),
  hash_key BLOB
);
CREATE TABLE staff_account (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  name TEXT NOT NULL,
  username TEXT UNIQUE,
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE client (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  national_number_hash BLOB,
  language TEXT NOT NULL DEFAULT 'nl',
  coach_id TEXT,
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX client_by_national_number_hash ON client(national_number_hash);
CREATE TABLE service (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES client(id),
  programme TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'referred',
  mediator_id TEXT,
  absences INTEGER NOT NULL DEFAULT 0 CHECK (absences >= 0),
  first_presence_on TEXT,
  state_detail TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX service_by_client ON service(client_id);
)sql";

// Step 2: appointments and the append-only attendance facts about them. An attendance event has
// no foreign key on purpose: a fact recorded at the kiosk is kept even when central has since
// moved or removed the appointment (it becomes a conflict to review, never a lost fact).
constexpr const char* kStep2 = R"sql(
CREATE TABLE appointment (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES site(id),
  client_id TEXT NOT NULL REFERENCES client(id),
  staff_id TEXT,
  service_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('first', 'regular')),
  registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
  starts_at TEXT NOT NULL,
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  location TEXT NOT NULL DEFAULT '',
  checkin_code TEXT NOT NULL UNIQUE,
  outcome TEXT CHECK (outcome IN ('present', 'absent_valid', 'absent_invalid', 'rescheduled')),
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX appointment_by_start ON appointment(starts_at);
CREATE TABLE attendance_event (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  appointment_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('checked_in', 'present', 'absent_valid', 'absent_invalid', 'rescheduled')),
  occurred_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX attendance_by_appointment ON attendance_event(appointment_id);
CREATE TRIGGER attendance_event_no_update BEFORE UPDATE ON attendance_event
BEGIN SELECT RAISE(ABORT, 'attendance events are append-only'); END;
CREATE TRIGGER attendance_event_no_delete BEFORE DELETE ON attendance_event
BEGIN SELECT RAISE(ABORT, 'attendance events are append-only'); END;
)sql";

// Step 3: what coaches record in the field: agreement sheets, training/stage registrations with
// hours, workplace visits and evaluations (DOMAIN.md: after presence; trainings and stages).
constexpr const char* kStep3 = R"sql(
CREATE TABLE agreement_sheet (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  concluded_on TEXT NOT NULL,
  signed_by_partner INTEGER NOT NULL DEFAULT 0 CHECK (signed_by_partner IN (0, 1)),
  signed_by_client INTEGER NOT NULL DEFAULT 0 CHECK (signed_by_client IN (0, 1)),
  next_contact_on TEXT,
  content TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE registration (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  training_code TEXT NOT NULL CHECK (training_code IN ('953030', '953081', '953082', '953070')),
  financing_number TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  hours REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
  stage_type INTEGER,
  place TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX registration_by_service ON registration(service_id);
CREATE TABLE workplace_visit (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  coach_id TEXT NOT NULL,
  visited_on TEXT NOT NULL,
  is_evaluation INTEGER NOT NULL DEFAULT 0 CHECK (is_evaluation IN (0, 1)),
  development_plan_updated INTEGER NOT NULL DEFAULT 0 CHECK (development_plan_updated IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX workplace_visit_by_service ON workplace_visit(service_id);
)sql";

// Step 4: the sync machinery and the audit trail. Every local fact is written together with its
// outbox row in one transaction; the mutation id makes a repeated push harmless (Replicache).
// The audit log is append-only, like attendance.
constexpr const char* kStep4 = R"sql(
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  base_version INTEGER,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'quarantined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  device_time TEXT NOT NULL
);
CREATE INDEX outbox_by_state ON outbox(state, seq);
CREATE TABLE sync_state (
  scope TEXT PRIMARY KEY,
  pull_cursor INTEGER NOT NULL DEFAULT 0 CHECK (pull_cursor >= 0),
  last_success_at TEXT,
  last_error TEXT,
  last_error_at TEXT
);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL DEFAULT '',
  entity_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Step 5: what the sync worker learns and keeps: this device's identity (from central's hello),
// conflicts central reported (kept for human review at the desk; the fact itself is never
// dropped), the worker's last known state for `onthaal-agent status`, and the client's programme
// as central sends it.
constexpr const char* kStep5 = R"sql(
ALTER TABLE client ADD COLUMN programme TEXT NOT NULL DEFAULT '';
CREATE TABLE device_identity (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  role TEXT NOT NULL,
  staff_id TEXT
);
CREATE TABLE sync_conflict (
  id INTEGER PRIMARY KEY,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  server_record TEXT,
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);
CREATE TABLE sync_status (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  state TEXT NOT NULL,
  last_success_at TEXT,
  last_error TEXT,
  last_error_at TEXT
);
)sql";

// Step 6: pulled changes this agent could not apply (malformed, or an entity a newer central
// sends), kept with their raw JSON and the reason instead of refusing the whole page (nothing
// wedges); tried again at start. A conflict also keeps the record as the device last saw it, so
// the desk can show what changed.
constexpr const char* kStep6 = R"sql(
CREATE TABLE pulled_set_aside (
  seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  raw TEXT NOT NULL,
  reason TEXT NOT NULL,
  set_aside_at TEXT NOT NULL
);
CREATE INDEX set_aside_by_record ON pulled_set_aside(entity, entity_id);
ALTER TABLE sync_conflict ADD COLUMN base_record TEXT;
)sql";

// Step 7 (issue 12, items 4 and 5): the site's hash key leaves the store for the device's key
// file (device_key_file.hpp); hashes of the old scheme (plain HMAC, 2.3 million candidates a
// second with the key) are dropped, and the pull starts again from the beginning, so the
// argon2id form arrives however long ago central converted its hashes. Sign-in data a role does
// not need goes too: a kiosk keeps none, a coach only its own. The kiosk's clean-up finds the
// clients left without an appointment through appointment_by_client (without it: 50,000 clients
// x 50,000 appointments scanned, minutes before the kiosk listened).
constexpr const char* kStep7 = R"sql(
UPDATE site SET hash_key = NULL;
UPDATE client SET national_number_hash = NULL;
UPDATE sync_state SET pull_cursor = 0;
CREATE INDEX appointment_by_client ON appointment(client_id);
UPDATE staff_account SET username = NULL, password_hash = NULL
  WHERE EXISTS (SELECT 1 FROM device_identity d WHERE d.role = 'kiosk'
                OR (d.role = 'coach' AND d.staff_id IS NOT staff_account.id));
)sql";

// Step 8 (issue 13): a client's service as central sends it, VDAB's month-end categories, and
// the partner's registrations as append-only facts (one table for every kind: the rules fold
// them in order, domain/service_state.hpp). The state is derived, never stored: step 1's state,
// mediator_id, absences, first_presence_on and state_detail columns stay unused. The tables of
// step 3 for sheets and registrations were never filled and go; the pull starts again so
// central's services arrive.
constexpr const char* kStep8 = R"sql(
DROP TABLE agreement_sheet;
DROP TABLE registration;
ALTER TABLE service ADD COLUMN referred_on TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN max_duration_months INTEGER;
ALTER TABLE service ADD COLUMN project_end TEXT;
CREATE TABLE month_category (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  month TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('active', 'passive'))
);
CREATE INDEX month_category_by_client ON month_category(client_id);
CREATE TABLE service_fact (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  device_id TEXT NOT NULL DEFAULT '',
  received_at TEXT
);
CREATE INDEX service_fact_by_service ON service_fact(service_id);
CREATE TRIGGER service_fact_no_rewrite
BEFORE UPDATE OF id, service_id, kind, payload, occurred_at, recorded_by ON service_fact
BEGIN SELECT RAISE(ABORT, 'service facts are append-only'); END;
UPDATE sync_state SET pull_cursor = 0;
)sql";

// Step 9: when central answered for each mutation (this device's clock), so the client's history
// shows when a fact recorded here reached central.
constexpr const char* kStep9 = R"sql(
ALTER TABLE outbox ADD COLUMN settled_at TEXT;
)sql";

// Step 10 (issue 14): a field coach's work. Visits and sheets' work plans are records people edit
// (edited_record: the version central last confirmed, the payload as edited here); a visit's
// notes stay on this device only, sealed at rest (local_store/note_seal.hpp). Stage hours are
// append-only facts like service facts. An edit central found made on an older version is kept
// for review (record_conflict) on every device holding the record. Step 3's empty
// workplace_visit table goes.
constexpr const char* kStep10 = R"sql(
DROP TABLE workplace_visit;
CREATE TABLE edited_record (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  notes_sealed TEXT,
  PRIMARY KEY (entity, id)
);
CREATE INDEX edited_record_by_service ON edited_record(service_id, entity);
CREATE TABLE stage_hours (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  service_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  device_id TEXT NOT NULL DEFAULT '',
  received_at TEXT
);
CREATE INDEX stage_hours_by_service ON stage_hours(service_id);
CREATE TRIGGER stage_hours_no_rewrite BEFORE UPDATE OF id, service_id, payload ON stage_hours
BEGIN SELECT RAISE(ABORT, 'stage hours are append-only'); END;
CREATE TABLE record_conflict (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX record_conflict_by_service ON record_conflict(service_id);
)sql";

// Step 11 (issue 15): the day's queue. A check-in takes the next number of its Brussels day on
// this device (queue_ticket, in the check-in's own transaction) and the fact carries it to
// central and the desks (attendance_event.queue_number). The desk's calls to the desk, which the
// waiting-room display shows (queue_call), are no part of the case file; step 13 shares them.
constexpr const char* kStep11 = R"sql(
ALTER TABLE attendance_event ADD COLUMN queue_number TEXT;
CREATE TABLE queue_ticket (
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  appointment_id TEXT NOT NULL UNIQUE,
  PRIMARY KEY (day, number)
) WITHOUT ROWID;
CREATE TABLE queue_call (
  seq INTEGER PRIMARY KEY,
  appointment_id TEXT NOT NULL,
  queue_number TEXT NOT NULL,
  location TEXT NOT NULL,
  called_at TEXT NOT NULL,
  called_by TEXT NOT NULL
);
CREATE INDEX queue_call_by_appointment ON queue_call(appointment_id);
CREATE INDEX queue_call_by_time ON queue_call(called_at);
)sql";

// Issue 15: a plan past the 7-day target keeps its reason; the residence and work-permit check
// (002 §3.2, 004 §2.2) is a fact, once per client per day.
constexpr const char* kStep12 = R"sql(
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

// Issue 15: the desks' calls travel through central (entity queue_call), so the waiting room's
// display on any desk shows every desk's calls. A call keeps the id of the mutation that carried
// it: a call pulled twice is one call. Calls made before this step have none and stay local.
constexpr const char* kStep13 = R"sql(
ALTER TABLE queue_call ADD COLUMN id TEXT;
CREATE UNIQUE INDEX queue_call_by_id ON queue_call(id);
)sql";

// Issue 15: the letter central gives each kiosk device for its queue numbers (its hello), so two
// kiosk devices of a site never give the same number without anyone setting queue_prefix.
constexpr const char* kStep14 = R"sql(
ALTER TABLE device_identity ADD COLUMN queue_letter TEXT;
)sql";

constexpr MigrationStep kSteps[] = {
    {1, "site, staff accounts, clients (hashed national number), services", kStep1},
    {2, "appointments and append-only attendance events", kStep2},
    {3, "agreement sheets, registrations, workplace visits", kStep3},
    {4, "outbox, sync state, append-only audit log", kStep4},
    {5, "device identity, conflicts for review, sync worker status, client programme", kStep5},
    {6, "pulled changes set aside, the base record of a conflict", kStep6},
    {7, "hash key out of the store, old-scheme national-number hashes dropped", kStep7},
    {8, "services, month-end categories and append-only service facts", kStep8},
    {9, "when central answered for each mutation", kStep9},
    {10, "visits and work plans people edit, stage hours, conflicts for review", kStep10},
    {11, "the day's queue numbers and calls to the desk", kStep11},
    {12, "the reason of a late plan, residence and work-permit checks", kStep12},
    {13, "the id of each call to the desk, shared by the site's desks", kStep13},
    {14, "the letter central gave this kiosk device for its queue numbers", kStep14},
};

}  // namespace

std::span<const MigrationStep> agent_schema_steps() {
    return kSteps;
}

}  // namespace onthaal::store
