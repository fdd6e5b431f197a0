// Staff passwords for the desk sign-in: the one place that says how they are hashed (argon2id,
// libsodium's interactive limits: 64 MiB, 2 passes), so central's import and the desk's dummy
// check (desk_sessions.cpp, which makes an unknown username cost what a known one costs) use the
// same parameters by construction.
//
// Pure computation: no I/O, no clock (the salt comes from libsodium's randombytes). Thread-safe.
// Failure: hash_staff_password returns nullopt when the memory for the hash cannot be had;
// staff_password_matches is false for a wrong password and for a hash it cannot read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace onthaal::domain {

// An argon2id string ("$argon2id$v=19$m=65536,t=2,p=1$...") with a fresh random salt.
std::optional<std::string> hash_staff_password(std::string_view password);

bool staff_password_matches(const std::string& hash, std::string_view password);

}  // namespace onthaal::domain
