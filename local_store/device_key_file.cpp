#include "local_store/device_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "protocol/records.hpp"

namespace onthaal::store {
namespace {

constexpr const char* kField = "national_number_hash_key";

// RAII for the descriptor of the temporary file.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw KeyFileError("key file " + path + ": " + what + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& text, const std::string& path) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write", path);
        done += static_cast<std::size_t>(n);
    }
}

// The rename is durable only once the folder's entry is on disk too.
void sync_folder(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) ::fsync(dir.get());
}

}  // namespace

std::optional<std::vector<unsigned char>> DeviceKeyFile::read_key() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        if (errno == ENOENT) return std::nullopt;
        fail("cannot read", path_);
    }
    std::ifstream in(path_, std::ios::binary);
    if (!in) fail("cannot read", path_);
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = nlohmann::json::parse(text.str(), nullptr, false);
    if (!doc.is_object() || !doc.contains(kField) || !doc[kField].is_string()) {
        throw KeyFileError("key file " + path_ + ": no '" + kField +
                           "' in it; remove the file so the next sync writes it again");
    }
    auto key = protocol::from_hex(doc[kField].get<std::string>());
    if (!key || key->size() != 32) {
        throw KeyFileError("key file " + path_ + ": '" + kField + "' is not 64 hex characters");
    }
    return key;
}

std::optional<std::vector<unsigned char>> DeviceKeyFile::national_number_key() {
    std::lock_guard lock(mutex_);
    if (!cached_) cached_ = read_key();
    return cached_;
}

void DeviceKeyFile::write_national_number_key(const std::vector<unsigned char>& key) {
    std::lock_guard lock(mutex_);
    try {
        if (!cached_) cached_ = read_key();
    } catch (const KeyFileError&) {
        cached_.reset();  // damaged (a crash, a hand edit): central's key replaces it below
    }
    if (cached_ == key) return;
    // A name of its own: the push and pull threads (and `onthaal-agent sync`) may write at once,
    // each with its own instance; each rename puts a whole file in place.
    std::string temporary = path_ + ".XXXXXX";
    {
        FileDescriptor fd(::mkstemp(temporary.data()));  // 0600, O_EXCL
        if (fd.get() < 0) fail("cannot create", temporary);
        write_all(fd.get(), nlohmann::json{{kField, protocol::to_hex(key)}}.dump() + "\n",
                  temporary);
        if (::fsync(fd.get()) != 0) {
            ::unlink(temporary.c_str());
            fail("cannot flush", temporary);
        }
    }
    if (::rename(temporary.c_str(), path_.c_str()) != 0) {
        ::unlink(temporary.c_str());
        fail("cannot replace", path_);
    }
    sync_folder(path_);
    cached_ = key;
}

}  // namespace onthaal::store
