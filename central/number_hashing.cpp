#include "central/number_hashing.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "domain/national_number_hash.hpp"

namespace onthaal::central {

std::vector<std::optional<std::vector<unsigned char>>> hash_national_numbers(
    const std::vector<std::string>& digits, const std::vector<unsigned char>& key) {
    std::vector<std::optional<std::vector<unsigned char>>> out(digits.size());
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
        try {
            for (std::size_t i = next++; i < digits.size(); i = next++) {
                if (!digits[i].empty()) out[i] = domain::national_number_hash(digits[i], key);
            }
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < std::min(threads, digits.size()); ++t) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
    return out;
}

}  // namespace onthaal::central
