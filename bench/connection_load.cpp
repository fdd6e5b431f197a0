// How much 300 slow connections from one address, or 2,000 idle sockets from 40 addresses, slow
// a kiosk check-in on a real agent (issue 12, item 3). Each repetition starts a fresh central
// and agent and compares medians within that run. Usage: connection_load [repetitions]
// [check-ins per phase]; results in docs/performance.md.
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "tests/support/connection_load.hpp"

using namespace onthaal::test_support;

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
    const int per_phase = argc > 2 ? std::atoi(argv[2]) : 30;
    if (repetitions < 1 || per_phase < 1 || !allow_open_files(3000)) {
        std::fprintf(stderr,
                     "usage: connection_load [repetitions] [per phase]; needs 3,000 files\n");
        return 2;
    }
    std::printf("check-in median ms: unloaded | 300 slow (x) | 2,000 idle (x) | refused\n");
    for (int r = 0; r < repetitions; ++r) {
        try {
            TempDir dir;
            const CheckinsUnderLoad run = checkins_under_load(dir, per_phase);
            const double base = run.unloaded.median();
            std::printf("%.2f | %.2f (%.2fx) | %.2f (%.2fx) | %d\n", base, run.slow.median(),
                        run.slow.median() / base, run.idle.median(), run.idle.median() / base,
                        run.unloaded.not_served + run.slow.not_served + run.idle.not_served);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "repetition %d: %s\n", r, e.what());
            return 1;
        }
    }
    return 0;
}
