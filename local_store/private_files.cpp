#include "local_store/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "log/event_log.hpp"

namespace onthaal::store {
namespace {

constexpr mode_t kOpenToOthers = S_IRWXG | S_IRWXO;

// Writes all of `content`, or returns the errno of the failure.
int write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : EIO;
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

}  // namespace

std::string mode_text(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

void write_new_private_file(const std::string& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int e = errno;
        throw PrivateFileError(path + ": " +
                               (e == EEXIST
                                    ? std::string("exists already; it is never overwritten, "
                                                  "choose another name")
                                    : std::string("cannot create it: ") + std::strerror(e)));
    }
    int failed = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 ? write_all(fd, content) : errno;
    if (::close(fd) != 0 && failed == 0) failed = errno;
    if (failed != 0) {
        ::unlink(path.c_str());
        throw PrivateFileError(path + ": cannot write it: " + std::strerror(failed));
    }
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
