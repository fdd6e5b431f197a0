#include "local_store/note_seal.hpp"

#include <sodium.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace onthaal::store {
namespace {

static_assert(kPublicKeyBytes == crypto_box_PUBLICKEYBYTES);
static_assert(kSecretKeyBytes == crypto_kdf_KEYBYTES);
static_assert(crypto_box_SEEDBYTES == crypto_kdf_KEYBYTES);

constexpr std::string_view kAtRestPrefix = "s1:";
constexpr std::string_view kBoxPrefix = "b1:";
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;  // safe in JSON, SQL, URLs
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "onthnote";
constexpr std::uint64_t kAtRestSubkey = 1;
constexpr std::uint64_t kBoxSeedSubkey = 2;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kAadLength = 4;  // the length of `aad` inside a sealed box, big-endian

using Bytes = std::vector<unsigned char>;

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

// Wipes a buffer that held a note's plain text, whichever way the function leaves.
struct WipeOnExit {
    Bytes& bytes;
    ~WipeOnExit() { sodium_memzero(bytes.data(), bytes.size()); }
};

std::string encode(std::string_view prefix, const Bytes& raw) {
    std::string text(sodium_base64_ENCODED_LEN(raw.size(), kBase64), '\0');
    sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), kBase64);
    text.resize(std::strlen(text.c_str()));
    return std::string(prefix) + text;
}

// The bytes after `prefix`, or nullopt for any other text (strict: no padding, no spaces).
std::optional<Bytes> decode(std::string_view text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return std::nullopt;
    text.remove_prefix(prefix.size());
    Bytes raw(text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    if (sodium_base642bin(raw.data(), raw.size(), text.data(), text.size(), nullptr, &length,
                          nullptr, kBase64) != 0)
        return std::nullopt;
    raw.resize(length);
    return raw;
}

SecretBytes derive(const SecretBytes& master, std::uint64_t subkey) {
    SecretBytes key(kSecretKeyBytes);
    if (crypto_kdf_derive_from_key(key.data(), key.size(), subkey, kKdfContext, master.data()) != 0)
        throw std::runtime_error("notes key: crypto_kdf_derive_from_key failed");
    return key;
}

// aad's length (4 bytes, big-endian), aad, the note: what a sealed box carries.
Bytes frame(std::string_view plain, std::string_view aad) {
    if (aad.size() > UINT32_MAX) throw std::invalid_argument("seal_for: aad over 4 GiB");
    Bytes out(kAadLength + aad.size() + plain.size());
    const auto n = static_cast<std::uint32_t>(aad.size());
    for (std::size_t i = 0; i < kAadLength; ++i)
        out[i] = static_cast<unsigned char>(n >> (8 * (kAadLength - 1 - i)));
    if (!aad.empty()) std::memcpy(out.data() + kAadLength, aad.data(), aad.size());
    if (!plain.empty())
        std::memcpy(out.data() + kAadLength + aad.size(), plain.data(), plain.size());
    return out;
}

// The note inside an opened frame, when the frame names exactly `aad`.
std::optional<std::string> unframe(const Bytes& framed, std::string_view aad) {
    if (framed.size() < kAadLength) return std::nullopt;
    std::uint32_t n = 0;
    for (std::size_t i = 0; i < kAadLength; ++i) n = (n << 8) | framed[i];
    if (n != aad.size() || framed.size() - kAadLength < n) return std::nullopt;
    if (n > 0 && std::memcmp(framed.data() + kAadLength, aad.data(), n) != 0) return std::nullopt;
    const auto* start = reinterpret_cast<const char*>(framed.data()) + kAadLength + n;
    return std::string(start, framed.size() - kAadLength - n);
}

}  // namespace

std::optional<PublicKey> PublicKey::from_hex(std::string_view hex) {
    PublicKey key;
    std::size_t length = 0;
    if (hex.size() != 2 * kPublicKeyBytes ||
        sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr, &length,
                       nullptr) != 0 ||
        length != kPublicKeyBytes)
        return std::nullopt;
    return key;
}

std::string PublicKey::hex() const {
    char text[2 * kPublicKeyBytes + 1];
    sodium_bin2hex(text, sizeof text, bytes.data(), bytes.size());
    return text;
}

std::string seal_for(const PublicKey& recipient, std::string_view plain, std::string_view aad) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    Bytes framed = frame(plain, aad);
    WipeOnExit wipe{framed};
    Bytes sealed(framed.size() + crypto_box_SEALBYTES);
    if (crypto_box_seal(sealed.data(), framed.data(), framed.size(), recipient.bytes.data()) != 0)
        throw std::runtime_error("seal_for: crypto_box_seal failed");
    return encode(kBoxPrefix, sealed);
}

BoxKeyPair BoxKeyPair::from_seed(const SecretBytes& seed) {
    PublicKey public_key;
    SecretBytes secret(crypto_box_SECRETKEYBYTES);
    if (seed.size() != crypto_box_SEEDBYTES ||
        crypto_box_seed_keypair(public_key.bytes.data(), secret.data(), seed.data()) != 0)
        throw std::runtime_error("notes key: crypto_box_seed_keypair failed");
    return BoxKeyPair(public_key, std::move(secret));
}

std::optional<std::string> BoxKeyPair::open(std::string_view sealed, std::string_view aad) const {
    const auto raw = decode(sealed, kBoxPrefix);
    if (!raw || raw->size() < crypto_box_SEALBYTES + kAadLength) return std::nullopt;
    Bytes framed(raw->size() - crypto_box_SEALBYTES);
    WipeOnExit wipe{framed};
    if (crypto_box_seal_open(framed.data(), raw->data(), raw->size(), public_.bytes.data(),
                             secret_.data()) != 0)
        return std::nullopt;
    return unframe(framed, aad);
}

NoteKey NoteKey::open_or_create(const std::string& path, Owner owner) {
    const SecretBytes master = open_or_create_secret_file(
        path, owner == Owner::coach ? kCoachNotesKeyLabel : kCentralNotesKeyLabel);
    const SecretBytes seed = derive(master, kBoxSeedSubkey);
    return NoteKey(derive(master, kAtRestSubkey), BoxKeyPair::from_seed(seed));
}

std::string NoteKey::seal_at_rest(std::string_view plain, std::string_view aad) const {
    Bytes raw(kNonce + plain.size() + kTag);
    randombytes_buf(raw.data(), kNonce);  // 192 random bits: no nonce ever repeats in practice
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(raw.data() + kNonce, &length, bytes_of(plain),
                                               plain.size(), bytes_of(aad), aad.size(), nullptr,
                                               raw.data(), at_rest_.data());
    return encode(kAtRestPrefix, raw);
}

std::optional<std::string> NoteKey::open_at_rest(std::string_view sealed,
                                                 std::string_view aad) const {
    const auto raw = decode(sealed, kAtRestPrefix);
    if (!raw || raw->size() < kNonce + kTag) return std::nullopt;
    std::string plain(raw->size() - kNonce - kTag, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr, raw->data() + kNonce,
            raw->size() - kNonce, bytes_of(aad), aad.size(), raw->data(), at_rest_.data()) != 0)
        return std::nullopt;
    plain.resize(length);
    return plain;
}

}  // namespace onthaal::store
