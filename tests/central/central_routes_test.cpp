// Central's routes reach the store only through the CentralStore interface: driven here over an
// in-memory engine, they authenticate, answer hello, pass a push through and page the feed.
#include "central/central_routes.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

using namespace onthaal;
using nlohmann::json;

namespace {

class MemoryStore final : public central::CentralStore {
  public:
    std::optional<central::DeviceScope> device_for_token(std::string_view token) override {
        if (token != "desk-token") return std::nullopt;
        return central::DeviceScope{"dev-d", "s1", domain::DeviceRole::desk, std::nullopt};
    }
    std::optional<central::SiteInfo> site(const std::string& id) override {
        return central::SiteInfo{id, "Site " + id, "O", std::vector<unsigned char>(32, 0xab)};
    }
    std::string queue_letter(const std::string&) override { return ""; }
    void add_site(const std::string&, const std::string&, const std::string&) override {}
    std::string add_device(const std::string&, const std::string&, const std::string&,
                           const std::optional<std::string>&) override {
        return "";
    }
    void revoke_device(const std::string&, const std::string&) override {}
    std::string apply_push(const central::DeviceScope& device, const std::string& body,
                           const std::string&) override {
        pushed.push_back(device.device_id + ":" + body);
        return R"({"results":[]})";
    }
    central::ChangePage changes_since(const central::DeviceScope&, std::int64_t cursor, std::size_t,
                                      const std::string&) override {
        return {
            R"([{"seq":8,"entity":"staff","id":"st1","op":"upsert","data":{"name":"Els","version":1}}])",
            std::max<std::int64_t>(cursor, 8), 1, false};
    }
    std::int64_t last_sequence() override { return 8; }
    central::ImportSummary import_site(const std::string&, const std::string&) override {
        return {};
    }
    std::string export_site(const std::string&) override { return "{}"; }
    bool set_month_category(const std::string&, const std::string&, const std::string&,
                            const std::string&) override {
        return false;
    }

    std::vector<std::string> pushed;
};

http::HttpResponse call(central::CentralRoutes& routes, const std::string& method,
                        const std::string& target, const std::string& token,
                        const std::string& body = "") {
    http::HttpRequest r{method, target, {}, body, ""};
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    http::HttpResponse answer;
    answer.status = 0;
    routes.handle(r, [&answer](http::HttpResponse a) { answer = std::move(a); });
    return answer;
}

}  // namespace

TEST(CentralRoutes, ServeTheSyncApiOverAnyCentralStore) {
    MemoryStore store;
    boost::asio::io_context io;
    central::PullWaiters waiters(io, store);
    central::CentralRoutes routes(store, waiters);

    EXPECT_EQ(call(routes, "GET", "/api/v1/sync/hello", "stolen").status, 401);
    const auto hello = call(routes, "GET", "/api/v1/sync/hello", "desk-token");
    ASSERT_EQ(hello.status, 200);
    std::string key;
    for (int i = 0; i < 32; ++i) key += "ab";
    EXPECT_EQ(json::parse(hello.body)["site"]["hash_key"], key);
    EXPECT_EQ(json::parse(hello.body)["role"], "desk");

    EXPECT_EQ(call(routes, "POST", "/api/v1/sync/push", "desk-token", R"({"mutations":[]})").status,
              200);
    ASSERT_EQ(store.pushed.size(), 1u);
    EXPECT_EQ(store.pushed[0], R"(dev-d:{"mutations":[]})");

    const auto pull =
        call(routes, "GET", "/api/v1/sync/pull?cursor=0&limit=10&wait=0", "desk-token");
    ASSERT_EQ(pull.status, 200);
    const json page = json::parse(pull.body);
    EXPECT_EQ(page["cursor"], 8);
    EXPECT_EQ(page["changes"][0]["entity"], "staff");
}

// Issue 14: every device learns central's notes public key from the hello (a central without one
// sends none, and the agent keeps what it had).
TEST(CentralRoutes, TheHelloCarriesCentralsNotesPublicKey) {
    MemoryStore store;
    boost::asio::io_context io;
    central::PullWaiters waiters(io, store);
    store::PublicKey notes;
    notes.bytes.fill(0x3c);
    central::CentralRoutes routes(store, waiters, nullptr, {}, notes);
    const auto hello = call(routes, "GET", "/api/v1/sync/hello", "desk-token");
    ASSERT_EQ(hello.status, 200);
    std::string hex;
    for (int i = 0; i < 32; ++i) hex += "3c";
    EXPECT_EQ(json::parse(hello.body)["notes_public_key"], hex);

    central::CentralRoutes without(store, waiters);
    EXPECT_FALSE(json::parse(call(without, "GET", "/api/v1/sync/hello", "desk-token").body)
                     .contains("notes_public_key"));
}
