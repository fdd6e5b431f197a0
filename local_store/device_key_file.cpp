#include "local_store/device_key_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "local_store/atomic_file.hpp"
#include "protocol/records.hpp"

namespace onthaal::store {
namespace {

constexpr const char* kHashKeyField = "national_number_hash_key";
constexpr const char* kNotesKeyField = "central_notes_public_key";

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw KeyFileError("key file " + path + ": " + what + ": " + std::strerror(errno));
}

[[noreturn]] void damaged(const std::string& path, const std::string& what) {
    throw KeyFileError("key file " + path + ": " + what +
                       "; remove the file so the next sync writes it again");
}

std::string render(const std::vector<unsigned char>& hash_key,
                   const std::optional<PublicKey>& notes_key) {
    nlohmann::json doc{{kHashKeyField, protocol::to_hex(hash_key)}};
    if (notes_key) doc[kNotesKeyField] = notes_key->hex();
    return doc.dump() + "\n";
}

}  // namespace

std::optional<DeviceKeyFile::Contents> DeviceKeyFile::read_file() const {
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
    if (!doc.is_object() || !doc.contains(kHashKeyField) || !doc[kHashKeyField].is_string())
        damaged(path_, std::string("no '") + kHashKeyField + "' in it");
    auto key = protocol::from_hex(doc[kHashKeyField].get<std::string>());
    if (!key || key->size() != 32) {
        throw KeyFileError("key file " + path_ + ": '" + kHashKeyField +
                           "' is not 64 hex characters");
    }
    Contents contents{std::move(*key), std::nullopt};
    if (doc.contains(kNotesKeyField)) {
        const auto& field = doc[kNotesKeyField];
        if (field.is_string())
            contents.central_notes_public_key = PublicKey::from_hex(field.get<std::string>());
        if (!contents.central_notes_public_key)
            damaged(path_, std::string("'") + kNotesKeyField + "' is not 64 hex characters");
    }
    return contents;
}

std::optional<std::vector<unsigned char>> DeviceKeyFile::national_number_key() {
    std::lock_guard lock(mutex_);
    if (!cached_) cached_ = read_file();
    if (!cached_) return std::nullopt;
    return cached_->national_number_key;
}

std::optional<PublicKey> DeviceKeyFile::central_notes_public_key() {
    std::lock_guard lock(mutex_);
    if (!cached_ || !cached_->central_notes_public_key) cached_ = read_file();
    if (!cached_) return std::nullopt;
    return cached_->central_notes_public_key;
}

void DeviceKeyFile::write_hello_keys(const std::vector<unsigned char>& national_number_key,
                                     const std::optional<PublicKey>& central_notes_public_key) {
    std::lock_guard lock(mutex_);
    try {
        if (!cached_ || !cached_->central_notes_public_key) cached_ = read_file();
    } catch (const KeyFileError&) {
        cached_.reset();  // damaged (a crash, a hand edit): central's keys replace it below
    }
    Contents next{national_number_key, central_notes_public_key};
    if (!next.central_notes_public_key && cached_)
        next.central_notes_public_key = cached_->central_notes_public_key;
    if (cached_ == next) return;
    // Replaced whole under a temporary name of its own: the push and pull threads (and
    // `onthaal-agent sync`) may write at once, each with its own instance.
    try {
        replace_file_atomically(path_,
                                render(next.national_number_key, next.central_notes_public_key));
    } catch (const FileWriteError& e) {
        throw KeyFileError(std::string("key file ") + e.what());
    }
    cached_ = std::move(next);
}

}  // namespace onthaal::store
