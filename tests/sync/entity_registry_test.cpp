// Issue 11: the registry is the only place to touch to add a synced entity. A test entity, defined
// and registered here and nowhere else, syncs both ways through the real push and pull code of
// the agent and central (in-process: the same functions the servers call, on real stores).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_admin.hpp"
#include "central/central_schema.hpp"
#include "central/change_feed.hpp"
#include "central/push_apply.hpp"
#include "entities/entity_registry.hpp"
#include "local_store/kiosk_store.hpp"
#include "local_store/store_open.hpp"
#include "local_store/sync_access.hpp"
#include "local_store/transaction.hpp"
#include "protocol/validation.hpp"
#include "sync/sync_protocol.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal;
using nlohmann::json;

namespace {

constexpr const char* kNow = "2026-11-23T08:00:00Z";

// A note staff write at the desk. Its tables are the test's own.
class NoteEntity final : public entities::EntityModule {
  public:
    std::string_view name() const override { return "test_note"; }
    void apply_pulled(store::Database& db, const protocol::PulledChange& change,
                      const store::DeviceIdentity&) const override {
        const protocol::FieldReader r(change.data, "test_note", change.id);
        const std::string text = r.text("text");
        db.cached("INSERT OR REPLACE INTO test_note (id, text) VALUES (?, ?)")
            ->bind_all(change.id, text)
            .run();
    }
    std::span<const entities::PushPermission> push_permissions() const override {
        static constexpr entities::PushPermission kDeskWrites[] = {{"write", false, true, false}};
        return kDeskWrites;
    }
    protocol::PushResult apply_pushed(entities::CentralWrite& w,
                                      const protocol::MutationEnvelope& m) const override {
        const protocol::FieldReader r(m.payload, "test_note", m.entity_id);
        const std::string text = r.text("text");
        w.db.cached("INSERT INTO central_note (id, site_id, text) VALUES (?, ?, ?)")
            ->bind_all(m.entity_id, w.device.site_id, text)
            .run();
        const std::string note = json{{"id", m.entity_id}, {"text", text}}.dump();
        entities::append_change(
            w.db, {w.device.site_id, std::nullopt, false, w.device.device_id, note, std::nullopt},
            "test_note", m.entity_id, "upsert", note);
        return protocol::PushResult::applied(m.mutation_id, 1);
    }
    // Its local writer: the note and its outbox entry in one transaction.
    static void write(store::Database& db, const std::string& id, const std::string& text) {
        store::Transaction tx(db);
        db.cached("INSERT INTO test_note (id, text) VALUES (?, ?)")->bind_all(id, text).run();
        db.cached(
              "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, "
              "device_time) VALUES (?, 'test_note', ?, ?, ?, ?)")
            ->bind_all(store::new_mutation_id(), id, json{{"text", text}}.dump(), kNow, kNow)
            .run();
        tx.commit();
    }
};

entities::EntityRegistry with_notes() {
    entities::EntityRegistry registry = entities::standard_entities();
    registry.add(std::make_unique<NoteEntity>());  // the one place the test entity is registered
    return registry;
}

store::Database agent_store(const test_support::TempDir& dir, const std::string& name,
                            const std::string& device_id) {
    store::Database db = store::open_agent_store(dir.file(name));
    db.exec("CREATE TABLE test_note (id TEXT PRIMARY KEY, text TEXT NOT NULL)");
    store::SyncAccess(db).save_identity(
        {device_id, "s1", onthaal::domain::DeviceRole::desk, std::nullopt},
        {"s1", "Site 1", "O", std::vector<unsigned char>(32, 7)});
    return db;
}

// One pull of everything after the agent's cursor, as the pull thread does it.
void pull(store::Database& central_db, store::Database& agent, const central::DeviceScope& device,
          const store::PulledChangeApplier& applier) {
    store::SyncAccess access(agent);
    const auto page = central::read_changes(central_db, device, access.pull_cursor(), 1000, "");
    const std::string body = "{\"changes\":" + page.changes_json +
                             ",\"cursor\":" + std::to_string(page.cursor) + ",\"has_more\":false}";
    const auto parsed = sync::parse_pull_page(body, access.pull_cursor());
    access.apply_pulled_page(parsed.changes, parsed.cursor, applier, kNow);
}

}  // namespace

TEST(EntityRegistry, ATestEntityRegisteredInOnePlaceSyncsBothWays) {
    const entities::EntityRegistry registry = with_notes();
    test_support::TempDir dir;
    store::Database central_db =
        store::open_and_migrate(dir.file("central.db"), central::central_schema_steps());
    central::add_site(central_db, "s1", "Site 1", "O");
    central_db.exec("CREATE TABLE central_note (id TEXT PRIMARY KEY, site_id TEXT, text TEXT)");
    const central::DeviceScope desk_a{"dev-a", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope desk_b{"dev-b", "s1", domain::DeviceRole::desk, std::nullopt};
    const central::DeviceScope kiosk{"dev-k", "s1", domain::DeviceRole::kiosk, std::nullopt};
    store::Database a = agent_store(dir, "a.db", "dev-a");
    store::Database b = agent_store(dir, "b.db", "dev-b");

    // Push: device A's note reaches central through the registry.
    NoteEntity::write(a, "n1", "Bel de werkgever terug");
    store::SyncAccess access(a);
    const auto entries = access.pending_mutations(10);
    ASSERT_EQ(entries.size(), 1u);
    const std::string answer = central::apply_push(central_db, registry, desk_a,
                                                   sync::build_push_body("dev-a", entries), kNow);
    const auto outcomes = sync::parse_push_results(answer, entries);
    ASSERT_EQ(outcomes[0].status, protocol::PushStatus::applied) << answer;
    access.record_push_outcomes(outcomes, kNow);
    EXPECT_EQ(central_db.query_text("SELECT text FROM central_note WHERE id = 'n1'"),
              "Bel de werkgever terug");
    EXPECT_EQ(access.status().pending, 0);

    // Pull: device B receives it through the same registry.
    pull(central_db, b, desk_b, registry);
    EXPECT_EQ(b.query_text("SELECT text FROM test_note WHERE id = 'n1'"), "Bel de werkgever terug");

    // The permission table comes with the module: a kiosk may not write notes.
    const json refused = json::parse(central::apply_push(
        central_db, registry, kiosk,
        R"({"mutations":[{"mutation_id":"k1","entity":"test_note","entity_id":"n2",)"
        R"("device_time":"2026-11-23T08:00:00Z","payload":{"text":"x"}}]})",
        kNow));
    EXPECT_EQ(refused["results"][0]["reason"], "forbidden_for_role");

    // An agent that does not know the entity (an older version) sets the note aside, and applies
    // it once it does (after an upgrade, at start).
    store::Database older = agent_store(dir, "older.db", "dev-o");
    const central::DeviceScope desk_o{"dev-o", "s1", domain::DeviceRole::desk, std::nullopt};
    pull(central_db, older, desk_o, entities::standard_registry());
    EXPECT_EQ(store::SyncAccess(older).status().set_aside, 1);
    EXPECT_EQ(older.query_int64("SELECT count(*) FROM test_note"), 0);
    EXPECT_EQ(store::SyncAccess(older).retry_set_aside(registry, kNow), 1u);
    EXPECT_EQ(store::SyncAccess(older).status().set_aside, 0);
    EXPECT_EQ(older.query_text("SELECT text FROM test_note WHERE id = 'n1'"),
              "Bel de werkgever terug");
}
