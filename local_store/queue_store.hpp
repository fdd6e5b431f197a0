// The store reads behind the day's queue (issue 15, item 3): the desk calls a checked-in client to
// the desk by the number the kiosk gave (entities/queue_call_entity.hpp writes the call and sends
// it to the site's other desks through central), and the waiting-room display shows the latest
// calls of every desk. Calls say where to go now and are no part of the case file; two days'
// worth is kept.
// Thread: the owner of the Database (the agent's I/O thread). Failure: StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "local_store/sqlite_database.hpp"

namespace onthaal::store {

struct QueueCall {
    std::int64_t seq = 0;      // increases with every call: the display chimes on a new one
    std::string queue_number;  // "" for a check-in from before numbers
    std::string location;      // the appointment's room or desk
    std::string called_at;     // UTC text
    bool fresh = false;        // made at or after `fresh_after` (recent_calls)
};

enum class CallRefusal { none, unknown_appointment, not_checked_in, completed };

struct CallOutcome {
    CallRefusal refusal = CallRefusal::none;
    QueueCall call;
};

struct QueueCount {
    std::int64_t waiting = 0;  // checked in, not called, no outcome yet
    std::int64_t called = 0;   // called, no outcome yet
};

class QueueStore {
  public:
    explicit QueueStore(Database& db) : db_(db) {}

    // The calls made at or after `since` (UTC text), at most `limit`: first the fresh ones (made
    // at or after `fresh_after`) in the order this device learnt of them, newest first; then the
    // older ones by their time. A call another desk made offline arrives late: it is listed, but
    // never becomes the one the waiting room is told to go to now.
    std::vector<QueueCall> recent_calls(const std::string& since, const std::string& fresh_after,
                                        int limit);
    // Clients checked in for appointments starting in [from, to) (UTC text), by state.
    QueueCount count_between(const std::string& from, const std::string& to);

  private:
    Database& db_;
};

}  // namespace onthaal::store
