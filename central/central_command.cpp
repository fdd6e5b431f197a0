#include "central/central_command.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "central/central_admin.hpp"
#include "central/central_routes.hpp"
#include "central/central_schema.hpp"
#include "central/central_store.hpp"
#include "central/notes_export.hpp"
#include "central/notes_key.hpp"
#include "central/pull_waiters.hpp"
#include "config/listen_address.hpp"
#include "local_store/store_error.hpp"
#include "local_store/store_open.hpp"
#include "log/event_log.hpp"
#include "net/http_server.hpp"

namespace onthaal::central {
namespace {

const char* kUsage =
    "Usage:\n"
    "  onthaal-central serve --db FILE --listen HOST:PORT [--notes-key FILE]\n"
    "  onthaal-central site add --db FILE --id ID --name NAME --province A|L|O|V|W|B\n"
    "  onthaal-central device add --db FILE --site ID --name NAME --role kiosk|desk|coach [--staff "
    "STAFF_ID]\n"
    "  onthaal-central device revoke --db FILE --site ID --name NAME\n"
    "  onthaal-central import --db FILE --site ID FILE.json\n"
    "  onthaal-central export --db FILE --site ID\n"
    "  onthaal-central notes export --db FILE --site ID --client ID --out FILE [--notes-key FILE]\n"
    "  onthaal-central category set --db FILE --site ID --client ID --month YYYY-MM --category "
    "active|passive\n";

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using Flags = std::map<std::string, std::string>;

// Flags named in `required` must be present, those in `optional` may be; one positional argument
// is kept under "" when `positional` is true.
Flags parse_flags(const std::vector<std::string>& args, size_t first,
                  std::initializer_list<const char*> required,
                  std::initializer_list<const char*> optional = {}, bool positional = false) {
    Flags flags;
    for (size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (!a.starts_with("--") && positional && !flags.count("")) {
            flags[""] = a;
            continue;
        }
        bool known = false;
        for (const char* name : required) known = known || a == std::string("--") + name;
        for (const char* name : optional) known = known || a == std::string("--") + name;
        if (!known) throw UsageError("unknown argument '" + a + "'");
        if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
        flags[a.substr(2)] = args[++i];
    }
    for (const char* name : required) {
        if (!flags.count(name)) throw UsageError(std::string("--") + name + " is required");
    }
    if (positional && !flags.count("")) throw UsageError("the file to import is required");
    return flags;
}

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AdminError("cannot read " + path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

int serve(const Flags& flags) {
    std::string why;
    const auto address = config::parse_listen_address(flags.at("listen"), why);
    if (!address) throw UsageError("--listen: " + why);
    // Opened before anything listens: a loose or damaged key file stops the start (exit 2), and a
    // hello never goes out without the key devices seal their notes for. Kept here for the push
    // pipeline that will open the notes (issue 14).
    const CentralNotesKey notes_key = CentralNotesKey::open_or_create(
        flags.count("notes-key") ? flags.at("notes-key") : default_notes_key_path(flags.at("db")));
    const auto store = SqliteCentralStore::open(flags.at("db"));
    boost::asio::io_context io;
    PullWaiters waiters(io, *store);
    // Declared after io and waiters: destroyed before them (its last answers are posted to a
    // stopped io and dropped; their batches are committed and a retry answers "duplicate").
    PushWorker pushes(SqliteCentralStore::open(flags.at("db")));
    CentralRoutes routes(
        *store, waiters, &pushes,
        [&io](std::function<void()> task) { boost::asio::post(io, std::move(task)); },
        notes_key.public_key());
    http::ServerLimits limits;
    limits.body_limit_bytes = 8 * 1024 * 1024;  // a push of up to 10,000 mutations
    limits.max_connections = 1024;
    // Devices reach central through a TLS terminator (docs/sync-protocol.md), so every connection
    // comes from its address: a cap per source belongs at the terminator, not here.
    limits.max_connections_per_source = limits.max_connections;
    http::HttpServer server(io, limits,
                            [&routes](const http::HttpRequest& r, const http::Responder& respond) {
                                routes.handle(r, respond);
                            });
    const auto port = server.listen(*address);
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (ec) return;
        server.stop();
        waiters.resume_all();
        io.stop();
    });
    const std::string host =
        address->host.find(':') != std::string::npos ? "[" + address->host + "]" : address->host;
    log::info("central.started", {{"port", std::to_string(port)}});
    std::cout << "listening on http://" << host << ":" << port << std::endl;
    http::run_until_stopped(io);
    log::info("central.stopped");
    return 0;
}

// The site, device and category commands; -1 when `args` names none of them.
int admin_command(const std::vector<std::string>& args) {
    const std::string command = args[0] + " " + (args.size() >= 2 ? args[1] : "");
    if (command == "site add") {
        const Flags f = parse_flags(args, 2, {"db", "id", "name", "province"});
        SqliteCentralStore::open(f.at("db"))->add_site(f.at("id"), f.at("name"), f.at("province"));
        return 0;
    }
    if (command == "device add") {
        const Flags f = parse_flags(args, 2, {"db", "site", "name", "role"}, {"staff"});
        const auto staff =
            f.count("staff") ? std::optional<std::string>(f.at("staff")) : std::nullopt;
        std::cout << SqliteCentralStore::open(f.at("db"))
                         ->add_device(f.at("site"), f.at("name"), f.at("role"), staff)
                  << std::endl;
        return 0;
    }
    if (command == "device revoke") {
        const Flags f = parse_flags(args, 2, {"db", "site", "name"});
        SqliteCentralStore::open(f.at("db"))->revoke_device(f.at("site"), f.at("name"));
        return 0;
    }
    if (command == "category set") {
        const Flags f = parse_flags(args, 2, {"db", "site", "client", "month", "category"});
        const bool changed =
            SqliteCentralStore::open(f.at("db"))
                ->set_month_category(f.at("site"), f.at("client"), f.at("month"), f.at("category"));
        std::cerr << (changed ? "category set and sent to the site's devices\n"
                              : "the category was so already; nothing sent\n");
        return 0;
    }
    if (command == "notes export") {
        const Flags f = parse_flags(args, 2, {"db", "site", "client", "out"}, {"notes-key"});
        const CentralNotesKey key = CentralNotesKey::open_or_create(
            f.count("notes-key") ? f.at("notes-key") : default_notes_key_path(f.at("db")));
        store::Database db = store::open_and_migrate(f.at("db"), central_schema_steps());
        const std::size_t n =
            export_client_notes(db, key, f.at("site"), f.at("client"), f.at("out"));
        std::cerr << "wrote " << n << " visits with their confidential notes to " << f.at("out")
                  << " (readable by you only; delete it once handed over)\n";
        return 0;
    }
    return -1;
}

int dispatch(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "serve") return serve(parse_flags(args, 1, {"db", "listen"}, {"notes-key"}));
    if (const int code = admin_command(args); code >= 0) return code;
    if (args[0] == "import") {
        const Flags f = parse_flags(args, 1, {"db", "site"}, {}, true);
        const ImportSummary s = SqliteCentralStore::open(f.at("db"))
                                    ->import_site(f.at("site"), read_whole_file(f.at("")));
        std::cerr << "imported " << s.staff << " staff, " << s.clients << " clients, "
                  << s.appointments << " appointments, " << s.services << " services, "
                  << s.month_categories << " month categories, " << s.service_facts
                  << " service facts (" << s.changed << " new or changed)\n";
        return 0;
    }
    if (args[0] == "export") {
        const Flags f = parse_flags(args, 1, {"db", "site"});
        std::cout << SqliteCentralStore::open(f.at("db"))->export_site(f.at("site")) << std::endl;
        return 0;
    }
    throw UsageError("unknown command '" + args[0] + "'");
}

}  // namespace

int run_central_command(const std::vector<std::string>& args) {
    try {
        return dispatch(args);
    } catch (const UsageError& e) {
        std::cerr << "onthaal-central: " << e.what() << "\n" << kUsage;
        return 2;
    } catch (const AdminError& e) {
        std::cerr << "onthaal-central: " << e.what() << "\n";
        return 2;
    } catch (const store::NoteKeyError& e) {
        std::cerr << "onthaal-central: " << e.what() << "\n";  // names the file and the fix
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "onthaal-central: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace onthaal::central
