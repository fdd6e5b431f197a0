#include "central/notes_export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"

namespace onthaal::central {
namespace {

using nlohmann::json;

// A file descriptor closed on every path out.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

void write_new_private_file(const std::string& path, const std::string& text) {
    FileDescriptor f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (f.fd < 0)
        throw AdminError("cannot create '" + path + "': " + std::strerror(errno) +
                         " (an existing file is never overwritten)");
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(f.fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw AdminError("cannot write '" + path + "': " + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(f.fd) != 0)
        throw AdminError("cannot write '" + path + "': " + std::strerror(errno));
}

}  // namespace

std::size_t export_client_notes(store::Database& db, const CentralNotesKey& key,
                                const std::string& site_id, const std::string& client_id,
                                const std::string& out_path) {
    auto c = db.cached("SELECT 1 FROM client WHERE id = ? AND site_id = ?");
    c->bind_all(client_id, site_id);
    if (!c->step()) throw AdminError("no client '" + client_id + "' at site '" + site_id + "'");
    auto q = db.cached(
        "SELECT e.id, e.version, e.payload, e.notes_sealed FROM edited_record e JOIN service s ON "
        "s.id = e.service_id WHERE s.client_id = ? AND e.entity = 'workplace_visit' ORDER BY "
        "e.id");
    q->bind_all(client_id);
    json visits = json::array();
    while (q->step()) {
        json v = json::parse(q->column_text(2));
        v["id"] = q->column_text(0);
        v["version"] = q->column_int64(1);
        const auto sealed = q->column_optional_text(3);
        const auto notes = sealed ? key.open_transport(*sealed, q->column_text(0)) : std::nullopt;
        v["notes"] = notes ? json(*notes) : json(nullptr);
        if (sealed && !notes) v["notes_unreadable"] = true;
        visits.push_back(std::move(v));
    }
    write_new_private_file(out_path, json{{"client_id", client_id}, {"visits", visits}}.dump(2));
    return visits.size();
}

}  // namespace onthaal::central
