// `onthaal-central import`: loads staff, clients, appointments (with past outcomes), services,
// month categories and service facts for one site from a JSON file (it stands in for VDAB's
// planning and case files). Format: docs/import-format.md.
//
// The whole file is validated before anything is written; a bad file is rejected whole with an
// AdminError naming the record and field ("appointments[3] (id 'a4'): field 'starts_at': ...").
// Importing a record again updates it; its version rises and a change is published only when
// something actually changed. National register numbers are hashed with the site's key and the
// plain number is dropped at once. Thread: the caller's. One transaction for the whole file.
#pragma once

#include <cstddef>
#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::central {

struct ImportSummary {
    std::size_t staff = 0;
    std::size_t clients = 0;
    std::size_t appointments = 0;
    std::size_t services = 0;  // in the file, and made for clients the file gave none
    std::size_t month_categories = 0;
    std::size_t service_facts = 0;
    std::size_t changed = 0;  // records inserted or updated (published to the change feed)
};

ImportSummary import_site_file(store::Database& db, const std::string& site_id,
                               const std::string& json_text);

}  // namespace onthaal::central
