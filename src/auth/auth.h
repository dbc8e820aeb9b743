// Credentials for the portfolio server: password hashing, API keys, session and CSRF tokens.
//
// - Passwords are hashed with Argon2id through libsodium's crypto_pwhash_str; the string it returns
//   ("$argon2id$v=19$m=...,t=...,p=...$salt$hash") carries its own salt and cost parameters, so
//   the store keeps it opaque and VerifyPassword needs nothing else.
// - API keys look like "sbh_" + 43 base64url characters (32 random bytes). Only their SHA-256
//   (lower-case hex, see base/sha256.h) is stored; the key is shown to its creator once.
// - Session tokens (the `sbomhub_session` cookie) are 32 random bytes, base64url; the store keeps
//   only their SHA-256, so a leaked database does not let anyone sign in. CSRF tokens are 32
//   random bytes too, kept in clear beside the session (they are compared, not secret-at-rest).
// - Secrets are compared in constant time (ConstantTimeEquals).
//
// Thread-safety: every function is safe to call from any thread (libsodium is initialised once).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::auth {

// Initialises libsodium; idempotent. Every function below calls it, so callers need not.
[[nodiscard]] Status Init();

// Argon2id cost. kInteractive is libsodium's "interactive" limit (64 MiB, 2 passes), the default
// for sign-in; kMinimum is for tests, where hundreds of hashes would otherwise take minutes.
enum class HashCost { kInteractive, kMinimum };

// Refuses passwords shorter than kMinPasswordLength bytes or longer than kMaxPasswordLength.
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;
[[nodiscard]] Status CheckPasswordPolicy(std::string_view password);

// Argon2id hash string of `password` (a fresh random salt each call).
Result<std::string> HashPassword(std::string_view password, HashCost cost = HashCost::kInteractive);
// True when `password` matches `hash` (a HashPassword result). A malformed hash is false.
bool VerifyPassword(std::string_view password, std::string_view hash);

// `bytes` random bytes from libsodium's CSPRNG, base64url without padding.
std::string RandomToken(std::size_t bytes = 32);

inline constexpr std::string_view kApiKeyPrefix = "sbh_";
// A new API key: kApiKeyPrefix + RandomToken(32).
std::string NewApiKey();
// Whether `key` has the shape NewApiKey produces (prefix, length, alphabet). Checked before any
// store lookup so garbage never reaches the database.
bool LooksLikeApiKey(std::string_view key);

// What the store keeps for a key or session token: lower-case hex SHA-256.
std::string TokenHash(std::string_view token);

// A one-time password for the first admin: 20 characters from an unambiguous alphabet.
std::string NewOneTimePassword();

// Compares two strings without an early exit on the first difference (length still leaks).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sbomhub::auth
