// A writer process is killed with SIGKILL mid-stream; every row it reported committed must be
// there on reopen, the file must pass its integrity check, and no transaction may be half-applied.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "local_store/store_open.hpp"
#include "local_store/transaction.hpp"
#include "tests/support/temp_dir.hpp"

using namespace onthaal::store;

namespace {

// Child: write an attendance fact and its outbox entry in one transaction, then report the id.
[[noreturn]] void write_until_killed(const std::string& path, int report_fd, int first_id) {
    try {
        Database db = open_agent_store(path);
        for (int id = first_id;; ++id) {
            const std::string mid = "m" + std::to_string(id);
            Transaction tx(db);
            db.cached(
                  "INSERT INTO attendance_event (id, appointment_id, kind, occurred_at, "
                  "recorded_by)"
                  " VALUES (?, 'a1', 'checked_in', '2026-11-23T08:00:00Z', 'kiosk')")
                ->bind_all(mid)
                .run();
            db.cached(
                  "INSERT INTO outbox (mutation_id, entity, entity_id, payload, created_at, "
                  "device_time)"
                  " VALUES (?, 'attendance', 'a1', '{}', '2026-11-23T08:00:00Z', "
                  "'2026-11-23T08:00:00Z')")
                ->bind_all(mid)
                .run();
            tx.commit();
            const std::string line = std::to_string(id) + "\n";
            if (write(report_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
                _exit(3);
        }
    } catch (...) {
        _exit(2);
    }
}

// Reads reported ids until at least `wanted` arrived, then kills the writer.
std::set<int> run_and_kill(const std::string& path, int first_id, size_t wanted) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        write_until_killed(path, fds[1], first_id);
    }
    close(fds[1]);
    std::set<int> reported;
    std::string pending;
    char chunk[256];
    while (reported.size() < wanted) {
        const ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n <= 0) break;
        pending.append(chunk, static_cast<size_t>(n));
        for (size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1)) {
            reported.insert(std::stoi(pending.substr(0, nl)));
        }
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // Ids still in the pipe were committed too: collect them.
    ssize_t n;
    while ((n = read(fds[0], chunk, sizeof chunk)) > 0)
        pending.append(chunk, static_cast<size_t>(n));
    for (size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1)) {
        reported.insert(std::stoi(pending.substr(0, nl)));
    }
    close(fds[0]);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer stopped by itself";
    return reported;
}

}  // namespace

TEST(CrashDurability, EveryReportedCommitSurvivesSigkillAndTheFileStaysIntact) {
    onthaal::test_support::TempDir dir;
    const std::string path = dir.file("crash.db");
    { open_agent_store(path); }
    std::set<int> all_reported;
    int next_id = 0;
    for (int round = 0; round < 5; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const auto reported = run_and_kill(path, next_id, 40 + static_cast<size_t>(round) * 37);
        ASSERT_FALSE(reported.empty());
        all_reported.insert(reported.begin(), reported.end());
        next_id = *reported.rbegin() +
                  1000;  // past anything the killed child may have committed unreported

        Database db = open_agent_store(path);  // runs quick_check; throws when damaged
        for (int id : all_reported) {
            auto q = db.cached(
                "SELECT count(*) FROM attendance_event e JOIN outbox o ON o.mutation_id = e.id "
                "WHERE e.id = ?");
            q->bind_all("m" + std::to_string(id));
            ASSERT_TRUE(q->step());
            ASSERT_EQ(q->column_int64(0), 1) << "committed fact m" << id << " is missing";
        }
        // No half-applied transaction: every fact has its outbox entry and vice versa.
        EXPECT_EQ(db.query_int64("SELECT count(*) FROM attendance_event WHERE id NOT IN (SELECT "
                                 "mutation_id FROM outbox)"),
                  0);
        EXPECT_EQ(db.query_int64("SELECT count(*) FROM outbox WHERE mutation_id NOT IN (SELECT id "
                                 "FROM attendance_event)"),
                  0);
    }
}
