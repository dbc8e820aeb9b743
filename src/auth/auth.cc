#include "auth/auth.h"

#include <sodium.h>

#include <cstdint>
#include <string>

#include "base/sha256.h"

namespace sbomhub::auth {
namespace {

Status InitOnce() {
  static const int rc = sodium_init();  // 0 first time, 1 when already done, -1 on failure
  if (rc < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

}  // namespace

Status Init() { return InitOnce(); }

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument("password too short: at least " + std::to_string(kMinPasswordLength) +
                                   " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Status::InvalidArgument("password too long: at most " + std::to_string(kMaxPasswordLength) +
                                   " bytes");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, HashCost cost) {
  SBOMHUB_RETURN_IF_ERROR(InitOnce());
  SBOMHUB_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  unsigned long long ops = cost == HashCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                          : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t mem = cost == HashCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                   : crypto_pwhash_MEMLIMIT_MIN;
  char out[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str uses the default algorithm, Argon2id (libsodium >= 1.0.15).
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Unavailable("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, std::string_view hash) {
  if (!InitOnce().ok()) return false;
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordLength) return false;
  std::string h(hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(std::size_t bytes) {
  (void)InitOnce();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw.data(), raw.size());
  out.resize(out.find('\0'));
  return out;
}

std::string NewApiKey() { return std::string(kApiKeyPrefix) + RandomToken(32); }

bool LooksLikeApiKey(std::string_view key) {
  if (key.size() != kApiKeyPrefix.size() + 43 || key.substr(0, kApiKeyPrefix.size()) != kApiKeyPrefix) return false;
  for (char c : key.substr(kApiKeyPrefix.size())) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string TokenHash(std::string_view token) { return Sha256Hex(token); }

std::string NewOneTimePassword() {
  (void)InitOnce();
  // No 0/O, 1/l/I: the password is read off a terminal and typed into a browser.
  static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) {
    out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace sbomhub::auth
