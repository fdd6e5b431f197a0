#include "local_store/private_files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "log/event_log.hpp"

namespace onthaal::store {
namespace {

constexpr mode_t kOpenToOthers = S_IRWXG | S_IRWXO;

}  // namespace

std::string mode_text(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

void restrict_new_files() {
    ::umask(S_IRWXG | S_IRWXO);
}

void require_private_file(const std::string& path, const std::string& setting) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    if ((st.st_mode & kOpenToOthers) == 0) return;
    throw PrivateFileError("setting '" + setting + "': " + path + " has mode " +
                           mode_text(st.st_mode) +
                           ", so group or others can read it; make it private (chmod 600 " + path +
                           ") and, as it may have been copied, consider replacing it");
}

void make_store_files_private(const std::string& store_path) {
    for (const std::string& path : {store_path, store_path + "-wal", store_path + "-shm"}) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || (st.st_mode & kOpenToOthers) == 0) continue;
        if (::chmod(path.c_str(), S_IRUSR | S_IWUSR) != 0) {
            throw PrivateFileError("cannot make " + path +
                                   " private (chmod 600): " + std::strerror(errno));
        }
        log::warn("store.made_private", {{"path", path}, {"was", mode_text(st.st_mode)}});
    }
}

}  // namespace onthaal::store
