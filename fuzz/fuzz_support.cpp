#include "fuzz/fuzz_support.hpp"

#include <cxxabi.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <typeinfo>

#include "local_store/store_error.hpp"

namespace onthaal::fuzz {
namespace {

namespace fs = std::filesystem;

// Under $ONTHAAL_FUZZ_TMP when set (scripts/fuzz.sh sets one per run and removes it: an input
// that crashes the target ends the process before the destructor would clean up).
std::string make_temp_dir() {
    const char* chosen = std::getenv("ONTHAAL_FUZZ_TMP");
    const char* tmp = std::getenv("TMPDIR");
    const std::string base = chosen                          ? chosen
                             : access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                             : tmp                           ? tmp
                                                             : "/tmp";
    std::string pattern = base + "/onthaal-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) throw store::StoreError("cannot create " + pattern, 0);
    return pattern;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string demangled(const char* name) {
    int status = 0;
    char* readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string out = status == 0 && readable ? readable : name;
    std::free(readable);
    return out;
}

}  // namespace

void unexpected_exception(const char* target) {
    try {
        throw;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: undocumented exception %s: %s\n", target,
                     demangled(typeid(e).name()).c_str(), e.what());
    } catch (...) {
        std::fprintf(stderr, "%s: undocumented exception of a non-standard type\n", target);
    }
    std::abort();
}

void require(bool holds, const char* target, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "%s: %s\n", target, what);
    std::abort();
}

TemplateStore::TemplateStore(const std::function<void(const std::string& path)>& fill)
    : dir_(make_temp_dir()) {
    const std::string path = dir_ + "/template.db";
    fill(path);
    // A closed WAL store has moved everything into its main file: those bytes are the template.
    image_ = read_bytes(path);
    if (image_.empty() || fs::exists(path + "-wal"))
        throw store::StoreError("template store " + path + " was left open", 0);
    fs::remove(path);
}

TemplateStore::~TemplateStore() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

store::Database TemplateStore::fresh_copy() {
    const std::string path = dir_ + "/input.db";
    fs::remove(path + "-wal");
    fs::remove(path + "-shm");
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(image_.data(), std::ssize(image_));
    store::Database db = store::Database::open(path);
    db.exec("PRAGMA synchronous=OFF");
    return db;
}

}  // namespace onthaal::fuzz
