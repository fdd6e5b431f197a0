// Central's answers are input: malformed ones must be refused (transient), never half-applied.
#include "sync/sync_protocol.hpp"

#include <gtest/gtest.h>

#include <cstdint>

using namespace onthaal;
using sync::ProtocolError;

namespace {

std::vector<store::OutboxEntry> two_entries() {
    store::OutboxEntry a, b;
    a.mutation_id = "m1";
    a.entity = b.entity = "attendance";
    a.entity_id = b.entity_id = "a1";
    a.payload_json = b.payload_json = R"({"kind":"checked_in"})";
    b.mutation_id = "m2";
    return {a, b};
}

}  // namespace

TEST(SyncProtocol, PushBodyCarriesIdsBaseVersionsAndPayloads) {
    auto entries = two_entries();
    entries[0].base_version = 3;
    const auto body = nlohmann::json::parse(sync::build_push_body("dev-1", entries));
    ASSERT_EQ(body["mutations"].size(), 2u);
    EXPECT_EQ(body["mutations"][0]["mutation_id"], "m1");
    EXPECT_EQ(body["mutations"][0]["base_version"], 3);
    EXPECT_TRUE(body["mutations"][1]["base_version"].is_null());
    EXPECT_EQ(body["mutations"][0]["payload"]["kind"], "checked_in");
    EXPECT_EQ(body["device_id"], "dev-1");
}

TEST(SyncProtocol, PushResultsAreMatchedToWhatWasSent) {
    const auto outcomes = sync::parse_push_results(
        R"({"results":[{"mutation_id":"m1","status":"applied"},
                       {"mutation_id":"m2","status":"conflict","reason":"appointment_changed","server_record":{"id":"a1"}}]})",
        two_entries());
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(outcomes[1].status, store::PushStatus::conflict);
    EXPECT_EQ(outcomes[1].reason, "appointment_changed");
    EXPECT_TRUE(outcomes[1].server_record.has_value());
}

TEST(SyncProtocol, MalformedPushAnswersAreRefused) {
    const auto entries = two_entries();
    for (
        const char* bad :
        {"", "not json", "{}", R"({"results": {}})",
         R"({"results":[{"mutation_id":"m1","status":"applied"}]})",  // one missing
         R"({"results":[{"mutation_id":"m1","status":"applied"},{"mutation_id":"m1","status":"applied"}]})",
         R"({"results":[{"mutation_id":"m1","status":"applied"},{"mutation_id":"zz","status":"applied"}]})",
         R"({"results":[{"mutation_id":"m1","status":"done"},{"mutation_id":"m2","status":"applied"}]})",
         R"({"results":[{"mutation_id":1,"status":"applied"},{"mutation_id":"m2","status":"applied"}]})"}) {
        EXPECT_THROW(sync::parse_push_results(bad, entries), ProtocolError) << bad;
    }
}

TEST(SyncProtocol, PullPagesMustMoveForward) {
    const auto page = sync::parse_pull_page(
        R"({"changes":[{"seq":5,"entity":"staff","id":"s","op":"upsert","data":{"name":"x","version":1}}],"cursor":5,"has_more":false})",
        4);
    EXPECT_EQ(page.cursor, 5);
    EXPECT_EQ(page.changes.size(), 1u);
    for (
        const char* bad :
        {R"({"changes":[],"cursor":3,"has_more":false})",  // backwards
         R"({"changes":[{"seq":4,"entity":"a","id":"x","op":"upsert","data":{}}],"cursor":4,"has_more":false})",
         R"({"changes":[{"seq":6,"entity":"a","id":"x","op":"upsert","data":{}}],"cursor":5,"has_more":false})",
         R"({"changes":"all","cursor":5,"has_more":false})", "[]", "{"}) {
        EXPECT_THROW(sync::parse_pull_page(bad, 4), ProtocolError) << bad;
    }
}

// Issue 14: central says how many changes of the device's scope follow the page. An older central
// does not; a value that is no count is read as "not said" (progress then has no total), never as
// a reason to refuse a page that is sound otherwise.
TEST(SyncProtocol, APullPageMaySayHowManyChangesRemain) {
    const std::string head = R"({"changes":[],"cursor":4,"has_more":true)";
    EXPECT_EQ(sync::parse_pull_page(head + R"(,"remaining":1234})", 4).remaining, 1234);
    EXPECT_EQ(sync::parse_pull_page(head + R"(,"remaining":0})", 4).remaining, 0);
    for (const char* odd : {"}", R"(,"remaining":-1})", R"(,"remaining":"many"})",
                            R"(,"remaining":1.5})", R"(,"remaining":null})"}) {
        EXPECT_FALSE(sync::parse_pull_page(head + odd, 4).remaining) << odd;
    }
}

// Found by fuzzing (docs/fuzzing.md, pull_page): a change after one with the largest sequence
// (9223372036854775807), or any change once the cursor is there, computed that sequence + 1, a
// signed overflow (undefined; UBSan stops make test-sanitize on it). Nothing can follow it: the
// page is refused like any page whose sequences do not increase.
TEST(SyncProtocol, NothingFollowsTheLargestSequence) {
    const std::string last =
        R"({"seq":9223372036854775807,"entity":"staff","id":"a","op":"delete"})";
    const std::string next = R"({"seq":5,"entity":"staff","id":"b","op":"delete"})";
    EXPECT_EQ(
        sync::parse_pull_page(
            R"({"changes":[)" + last + R"(],"cursor":9223372036854775807,"has_more":false})", 4)
            .changes.size(),
        1u);
    EXPECT_THROW(sync::parse_pull_page(R"({"changes":[)" + last + "," + next +
                                           R"(],"cursor":9223372036854775807,"has_more":false})",
                                       4),
                 ProtocolError);
    EXPECT_THROW(sync::parse_pull_page(R"({"changes":[)" + next +
                                           R"(],"cursor":9223372036854775807,"has_more":false})",
                                       INT64_MAX),
                 ProtocolError);
}

// Issue 11 (nothing wedges): a change whose own envelope is malformed no longer refuses the page;
// it comes back with its problem, to be set aside while the rest is applied.
TEST(SyncProtocol, AMalformedChangeIsMarkedNotTheWholePageRefused) {
    const auto page = sync::parse_pull_page(
        R"({"changes":[{"seq":5,"entity":"a","id":"x","op":"merge","data":{}},
                       {"seq":6,"entity":"a","id":"y","op":"upsert","data":3},
                       {"seq":7,"entity":"staff","id":"s","op":"upsert","data":{"name":"x","version":1}}],
            "cursor":7,"has_more":false})",
        4);
    ASSERT_EQ(page.changes.size(), 3u);
    EXPECT_NE(page.changes[0].problem.find("op"), std::string::npos) << page.changes[0].problem;
    EXPECT_NE(page.changes[1].problem.find("data"), std::string::npos) << page.changes[1].problem;
    EXPECT_EQ(page.changes[2].problem, "");
    EXPECT_EQ(page.changes[2].entity, "staff");
    EXPECT_EQ(page.cursor, 7);
}

TEST(SyncProtocol, HelloNeedsAWholeSiteAndA32ByteKey) {
    const std::string key(64, 'a');
    const auto hello = sync::parse_hello(
        R"({"device_id":"d","role":"kiosk","site":{"id":"s1","name":"n","province":"O","hash_key":")" +
        key + R"("}})");
    EXPECT_EQ(hello.identity.site_id, "s1");
    EXPECT_EQ(hello.site.hash_key.size(), 32u);
    EXPECT_THROW(
        sync::parse_hello(
            R"({"device_id":"d","role":"kiosk","site":{"id":"s1","name":"n","province":"O","hash_key":"abcd"}})"),
        ProtocolError);
    EXPECT_THROW(sync::parse_hello(R"({"device_id":"d","role":"kiosk"})"), ProtocolError);
}

// Issue 14: central's notes public key, when central sends one, is 32 bytes in hex.
TEST(SyncProtocol, HelloCarriesCentralsNotesPublicKeyWhenItHasOne) {
    const std::string site = R"("site":{"id":"s1","name":"n","province":"O","hash_key":")" +
                             std::string(64, 'a') + "\"}";
    const auto hello = [&](const std::string& notes) {
        return sync::parse_hello(R"({"device_id":"d","role":"coach","staff_id":"st1",)" + site +
                                 notes + "}");
    };
    EXPECT_EQ(hello("").notes_public_key, std::nullopt) << "a central from before issue 14";
    EXPECT_EQ(hello(R"(,"notes_public_key":null)").notes_public_key, std::nullopt);
    const auto with = hello(R"(,"notes_public_key":")" + std::string(64, 'b') + "\"");
    ASSERT_TRUE(with.notes_public_key.has_value());
    EXPECT_EQ(with.notes_public_key->hex(), std::string(64, 'b'));
    EXPECT_THROW(hello(R"(,"notes_public_key":"abcd")"), ProtocolError);
    EXPECT_THROW(hello(R"(,"notes_public_key":42)"), ProtocolError);
    EXPECT_THROW(hello(R"(,"notes_public_key":")" + std::string(64, 'z') + "\""), ProtocolError);
}

// Issue 15: the letter central gives a kiosk device for its queue numbers.
TEST(SyncProtocol, HelloCarriesAKioskDevicesQueueLetterWhenCentralGivesOne) {
    const std::string site = R"("site":{"id":"s1","name":"n","province":"O","hash_key":")" +
                             std::string(64, 'a') + "\"}";
    const auto hello = [&](const std::string& letter) {
        return sync::parse_hello(R"({"device_id":"d","role":"kiosk",)" + site + letter + "}");
    };
    EXPECT_EQ(hello("").queue_letter, "") << "a central from before, or a desk";
    EXPECT_EQ(hello(R"(,"queue_letter":"B")").queue_letter, "B");
    EXPECT_EQ(hello(R"(,"queue_letter":"AB")").queue_letter, "AB");
    for (const char* bad :
         {R"(,"queue_letter":"")", R"(,"queue_letter":"b")", R"(,"queue_letter":"ABC")",
          R"(,"queue_letter":"7")", R"(,"queue_letter":1)"})
        EXPECT_THROW(hello(bad), ProtocolError) << bad;
}
