#include "local_store/secret_key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <new>
#include <optional>

#include "local_store/atomic_file.hpp"
#include "local_store/private_files.hpp"
#include "log/event_log.hpp"

namespace onthaal::store {
namespace {

constexpr std::size_t kHexChars = 2 * kSecretKeyBytes;
// A label, a space, 64 hex and a newline fit with room to spare; anything longer is no key file.
constexpr std::size_t kMaxFileBytes = 128;

void require_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

// A key file's text, in a fixed buffer wiped when it goes (it holds the key in hex).
struct WipedText {
    std::array<char, kMaxFileBytes + 1> bytes{};
    std::size_t size = 0;
    WipedText() = default;
    WipedText(const WipedText&) = delete;
    WipedText& operator=(const WipedText&) = delete;
    ~WipedText() { sodium_memzero(bytes.data(), bytes.size()); }
    std::string_view view() const { return {bytes.data(), size}; }
};

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw NoteKeyError("notes key file " + path + ": " + why);
}

// Refuses a file others may read: whoever copied it can open every note sealed with it, so
// hiding it now would only hide that.
void require_private(const std::string& path, int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) refuse(path, std::string("cannot be read: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) refuse(path, "is not a regular file");
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) == 0) return;
    throw NoteKeyError("notes key file " + path + " has mode " + mode_text(st.st_mode) +
                       ", so group or others can read it; make it private (chmod 600 " + path +
                       "), and know that whoever copied it can open the notes sealed with it");
}

// False when the file does not exist; else its text (checked private first) in `text`.
bool read_key_text(const std::string& path, WipedText& text) {
    // O_NONBLOCK: a FIFO put in the key's place is refused below instead of hanging the start.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ENOENT) return false;
        refuse(path, std::string("cannot be read: ") + std::strerror(errno));
    }
    require_private(path, fd.get());
    while (text.size < text.bytes.size()) {
        const ssize_t n =
            ::read(fd.get(), text.bytes.data() + text.size, text.bytes.size() - text.size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) refuse(path, std::string("cannot be read: ") + std::strerror(errno));
        if (n == 0) break;
        text.size += static_cast<std::size_t>(n);
    }
    return true;
}

[[noreturn]] void refuse_malformed(const std::string& path, std::string_view label) {
    refuse(path, "is not a notes key file (one line: '" + std::string(label) +
                     "', a space and 64 hex characters); it was left as it is. Restore it from "
                     "a backup: a new key cannot open the notes sealed with the old one");
}

// Only a known label is ever quoted back: any other first word may be the key itself.
void parse_key_text(const std::string& path, std::string_view text, std::string_view label,
                    SecretBytes& key) {
    if (text.size() > kMaxFileBytes) refuse_malformed(path, label);
    if (text.ends_with('\n')) text.remove_suffix(1);
    const auto space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (word != label && (word == kCoachNotesKeyLabel || word == kCentralNotesKeyLabel)) {
        refuse(path, "holds a '" + std::string(word) + "', not a '" + std::string(label) +
                         "': each side keeps a key of its own");
    }
    if (space == std::string_view::npos || word != label) refuse_malformed(path, label);
    const std::string_view hex = text.substr(space + 1);
    std::size_t length = 0;
    const char* end = nullptr;
    if (hex.size() != kHexChars ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, &end) !=
            0 ||
        length != kSecretKeyBytes || end != hex.data() + hex.size()) {
        refuse_malformed(path, label);
    }
}

// A fresh key in a file that did not exist; nullopt when another process created it first.
std::optional<SecretBytes> create_key_file(const std::string& path, std::string_view label) {
    SecretBytes key(kSecretKeyBytes);
    randombytes_buf(key.data(), key.size());
    WipedText text;
    std::memcpy(text.bytes.data(), label.data(), label.size());
    text.bytes[label.size()] = ' ';
    sodium_bin2hex(text.bytes.data() + label.size() + 1, kHexChars + 1, key.data(), key.size());
    text.size = label.size() + 1 + kHexChars;
    text.bytes[text.size++] = '\n';
    try {
        if (!create_file_atomically(path, text.view())) return std::nullopt;
    } catch (const FileWriteError& e) {
        throw NoteKeyError(std::string("notes key file ") + e.what());
    }
    log::info("notes_key.created", {{"path", path}});
    return key;
}

}  // namespace

SecretBytes::SecretBytes(std::size_t size) : size_(size) {
    require_sodium();
    data_ = static_cast<unsigned char*>(sodium_malloc(size));
    if (!data_) throw std::bad_alloc();
}

SecretBytes::~SecretBytes() {
    if (!data_) return;
    sodium_memzero(data_, size_);  // sodium_free wipes too; said here so nobody has to look
    sodium_free(data_);
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this == &other) return *this;
    if (data_) {
        sodium_memzero(data_, size_);
        sodium_free(data_);
    }
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
    return *this;
}

SecretBytes open_or_create_secret_file(const std::string& path, std::string_view label) {
    require_sodium();
    if (label.size() + 1 + kHexChars + 1 > kMaxFileBytes)
        throw std::logic_error("a notes key label that does not fit a key file");
    // Twice at most: when another process creates the file between our look and our link, the
    // second look reads its key.
    for (int attempt = 0; attempt < 2; ++attempt) {
        WipedText text;
        if (read_key_text(path, text)) {
            SecretBytes key(kSecretKeyBytes);
            parse_key_text(path, text.view(), label, key);
            return key;
        }
        if (attempt > 0) break;
        if (auto created = create_key_file(path, label)) return std::move(*created);
    }
    refuse(path, "exists but cannot be opened (a link to nowhere?)");
}

}  // namespace onthaal::store
