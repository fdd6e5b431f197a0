#include "local_store/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace onthaal::store {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw FileWriteError(path + ": " + what + ": " + std::strerror(errno));
}

void write_all(int fd, std::string_view text, const std::string& path) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write", path);
        done += static_cast<std::size_t>(n);
    }
}

// The new name is durable only once the folder's entry is on disk too.
void sync_folder(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
}

// The text in a fresh temporary file next to `path`, on disk; returns the temporary's name.
std::string write_temporary(const std::string& path, std::string_view text) {
    std::string temporary = path + ".XXXXXX";
    FileDescriptor fd(::mkstemp(temporary.data()));  // 0600, O_EXCL
    if (fd.get() < 0) fail("cannot create", temporary);
    try {
        write_all(fd.get(), text, temporary);
        if (::fsync(fd.get()) != 0) fail("cannot flush", temporary);
    } catch (const FileWriteError&) {
        ::unlink(temporary.c_str());
        throw;
    }
    return temporary;
}

}  // namespace

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
}

void replace_file_atomically(const std::string& path, std::string_view text) {
    const std::string temporary = write_temporary(path, text);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        errno = error;
        fail("cannot replace", path);
    }
    sync_folder(path);
}

bool create_file_atomically(const std::string& path, std::string_view text) {
    const std::string temporary = write_temporary(path, text);
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int error = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (error == EEXIST) return false;
        errno = error;
        fail("cannot create", path);
    }
    sync_folder(path);
    return true;
}

}  // namespace onthaal::store
