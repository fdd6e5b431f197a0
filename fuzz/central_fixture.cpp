#include "fuzz/central_fixture.hpp"

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/site_import.hpp"
#include "local_store/store_open.hpp"

namespace onthaal::fuzz {
namespace {

// No passwords: hashing one (argon2id) takes longer than a thousand inputs.
constexpr const char* kSiteOne = R"({
  "staff": [{"id": "st1", "name": "Els", "username": "els"}, {"id": "st2", "name": "Jan"}],
  "clients": [
    {"id": "c1", "first_name": "Amina", "last_name": "B", "language": "ar", "programme": "TIBB4",
     "coach_id": "st1", "national_number": "85073003328"},
    {"id": "c2", "first_name": "Koen", "last_name": "D", "language": "nl", "programme": "GLOW",
     "coach_id": "st2"}],
  "appointments": [
    {"id": "a1", "client_id": "c1", "staff_id": "st1", "kind": "first", "registered": false,
     "starts_at": "2026-11-23T09:30:00+01:00", "duration_min": 30, "location": "Room 2",
     "code": "abc234"},
    {"id": "a2", "client_id": "c2", "staff_id": "st2", "kind": "regular", "registered": true,
     "starts_at": "2026-11-23T10:00:00Z", "duration_min": 45, "location": "Room 3"}]
})";

constexpr const char* kSiteTwo = R"({
  "staff": [{"id": "st9", "name": "Other"}],
  "clients": [{"id": "c9", "first_name": "Other", "last_name": "Client", "language": "fr",
               "programme": "GLOW", "coach_id": "st9"}],
  "appointments": [{"id": "a9", "client_id": "c9", "staff_id": "st9", "kind": "regular",
                    "registered": false, "starts_at": "2026-11-23T09:00:00Z", "duration_min": 30,
                    "location": "Elsewhere", "code": "OTH234"}]
})";

}  // namespace

void fill_central_template(const std::string& path) {
    store::Database db = store::open_and_migrate(path, central::central_schema_steps());
    central::add_site(db, "s1", "Site 1", "O");
    central::add_site(db, "s2", "Site 2", "A");
    central::import_site_file(db, "s1", kSiteOne);
    central::import_site_file(db, "s2", kSiteTwo);
}

}  // namespace onthaal::fuzz
