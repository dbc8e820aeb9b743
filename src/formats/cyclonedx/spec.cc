#include "formats/cyclonedx/spec.h"

#include <array>

#include "base/text.h"
#include "license/spdx_license_list.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

struct Versioned {
  std::string_view name;
  int since;  // first minor version that has it
};

constexpr Versioned kComponentTypes[] = {
    {"application", 2}, {"framework", 2}, {"library", 2}, {"container", 2},
    {"operating-system", 2}, {"device", 2}, {"firmware", 2}, {"file", 2},
    {"platform", 5}, {"device-driver", 5}, {"machine-learning-model", 5}, {"data", 5},
    {"cryptographic-asset", 6},
};

constexpr Versioned kExternalReferenceTypes[] = {
    {"vcs", 2}, {"issue-tracker", 2}, {"website", 2}, {"advisories", 2}, {"bom", 2},
    {"mailing-list", 2}, {"social", 2}, {"chat", 2}, {"documentation", 2}, {"support", 2},
    {"distribution", 2}, {"license", 2}, {"build-meta", 2}, {"build-system", 2}, {"other", 2},
    {"release-notes", 4},
    {"distribution-intake", 5}, {"security-contact", 5}, {"model-card", 5}, {"log", 5},
    {"configuration", 5}, {"evidence", 5}, {"formulation", 5}, {"attestation", 5},
    {"threat-model", 5}, {"adversary-model", 5}, {"risk-assessment", 5},
    {"vulnerability-assertion", 5}, {"exploitability-statement", 5}, {"pentest-report", 5},
    {"static-analysis-report", 5}, {"dynamic-analysis-report", 5},
    {"runtime-analysis-report", 5}, {"component-analysis-report", 5}, {"maturity-report", 5},
    {"certification-report", 5}, {"codified-infrastructure", 5}, {"quality-metrics", 5},
    {"poam", 5},
    {"source-distribution", 6}, {"electronic-signature", 6}, {"digital-signature", 6},
    {"rfc-9116", 6},
};

struct HashSpec {
  std::string_view name;
  std::size_t hex_len;  // 0 = any of the schema's lengths
  model::HashAlgorithm alg;
};
using HA = model::HashAlgorithm;
constexpr HashSpec kHashAlgorithms[] = {
    {"MD5", 32, HA::kMd5},          {"SHA-1", 40, HA::kSha1},
    {"SHA-256", 64, HA::kSha256},   {"SHA-384", 96, HA::kSha384},
    {"SHA-512", 128, HA::kSha512},  {"SHA3-256", 64, HA::kSha3_256},
    {"SHA3-384", 96, HA::kSha3_384}, {"SHA3-512", 128, HA::kSha3_512},
    {"BLAKE2b-256", 64, HA::kBlake2b_256}, {"BLAKE2b-384", 96, HA::kBlake2b_384},
    {"BLAKE2b-512", 128, HA::kBlake2b_512}, {"BLAKE3", 0, HA::kBlake3},
};

template <typename Table>
bool InVersioned(const Table& table, int minor, std::string_view v) {
  for (const auto& e : table) {
    if (e.name == v) return e.since <= minor;
  }
  return false;
}

bool OneOf(std::string_view v, std::initializer_list<std::string_view> names) {
  for (auto n : names) {
    if (n == v) return true;
  }
  return false;
}

// Not std::isxdigit: a locale-aware libc call per byte was the top entry in decode profiles.
// A table and no early exit: hash digests are long and almost always valid.
constexpr std::array<bool, 256> kHexDigit = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'f'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'F'; ++c) t[c] = true;
  return t;
}();

bool IsHex(std::string_view s) {
  bool all = true;
  for (char c : s) all &= kHexDigit[static_cast<unsigned char>(c)];
  return all;
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int Num(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

std::optional<int> SupportedMinor(std::string_view v) {
  if (v.size() != 3 || v[0] != '1' || v[1] != '.') return std::nullopt;
  int minor = v[2] - '0';
  if (minor < kOldestMinor || minor > kNewestMinor) return std::nullopt;
  return minor;
}

Status UnsupportedVersion(std::string_view spec_version, const std::string& file) {
  std::string shown = spec_version.empty() ? std::string("(no specVersion)") : Excerpt(spec_version);
  return Status::Unsupported((file.empty() ? std::string("<input>") : file) + ": CycloneDX " + shown +
                             " is not supported yet (supported: 1.2–1.6)");
}

bool IsComponentType(int minor, std::string_view type) {
  return InVersioned(kComponentTypes, minor, type);
}
bool IsScope(std::string_view s) { return OneOf(s, {"required", "optional", "excluded"}); }

bool IsHashAlgorithm(std::string_view alg) {
  for (const auto& h : kHashAlgorithms) {
    if (h.name == alg) return true;
  }
  return false;
}

std::optional<model::HashAlgorithm> ParseCdxHashAlgorithm(std::string_view alg) {
  for (const auto& h : kHashAlgorithms) {
    if (h.name == alg) return h.alg;
  }
  return std::nullopt;
}

bool IsHashContent(std::string_view alg, std::string_view content) {
  std::size_t n = content.size();
  if (!(n == 32 || n == 40 || n == 64 || n == 96 || n == 128) || !IsHex(content)) return false;
  for (const auto& h : kHashAlgorithms) {
    if (h.name == alg) return h.hex_len == 0 || h.hex_len == n;
  }
  return true;  // unknown algorithms are reported by their own rule
}

bool IsExternalReferenceType(int minor, std::string_view type) {
  return InVersioned(kExternalReferenceTypes, minor, type);
}
bool IsPatchType(std::string_view t) {
  return OneOf(t, {"unofficial", "monkey", "backport", "cherry-pick"});
}
bool IsIssueType(std::string_view t) { return OneOf(t, {"defect", "enhancement", "security"}); }
bool IsDataFlow(std::string_view f) {
  return OneOf(f, {"inbound", "outbound", "bi-directional", "unknown"});
}
bool IsLifecyclePhase(std::string_view p) {
  return OneOf(p, {"design", "pre-build", "build", "post-build", "operations", "discovery",
                   "decommission"});
}
bool IsAcknowledgement(std::string_view a) { return OneOf(a, {"declared", "concluded"}); }
bool IsAttachmentEncoding(std::string_view e) { return e == "base64"; }

bool IsDateTime(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.f+](Z|+HH:MM|-HH:MM)
  if (!Digits(s, 0, 4) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' ||
      !Digits(s, 8, 2) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2) || s[13] != ':' ||
      !Digits(s, 14, 2) || s[16] != ':' || !Digits(s, 17, 2)) {
    return false;
  }
  int month = Num(s, 5, 2), day = Num(s, 8, 2), hour = Num(s, 11, 2), minute = Num(s, 14, 2),
      second = Num(s, 17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i == s.size()) return false;  // xs:dateTime allows no zone, RFC 3339 does not
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return true;
  if ((s[i] == '+' || s[i] == '-') && i + 6 == s.size() && Digits(s, i + 1, 2) && s[i + 3] == ':' &&
      Digits(s, i + 4, 2)) {
    return Num(s, i + 1, 2) <= 23 && Num(s, i + 4, 2) <= 59;
  }
  return false;
}

bool IsSerialNumber(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (!StartsWith(s, kPrefix) || s.size() != kPrefix.size() + 36) return false;
  std::string_view u = s.substr(kPrefix.size());
  for (std::size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool IsSpdxLicenseId(std::string_view id) { return license::FindLicense(id) != nullptr; }

std::optional<model::Scope> ParseScope(std::string_view s) {
  if (s == "required") return model::Scope::kRequired;
  if (s == "optional") return model::Scope::kOptional;
  if (s == "excluded") return model::Scope::kExcluded;
  return std::nullopt;
}

std::optional<model::LicenseAcknowledgement> ParseAcknowledgement(std::string_view s) {
  if (s == "declared") return model::LicenseAcknowledgement::kDeclared;
  if (s == "concluded") return model::LicenseAcknowledgement::kConcluded;
  return std::nullopt;
}

std::string_view AcknowledgementName(model::LicenseAcknowledgement a) {
  switch (a) {
    case model::LicenseAcknowledgement::kDeclared: return "declared";
    case model::LicenseAcknowledgement::kConcluded: return "concluded";
    case model::LicenseAcknowledgement::kUnspecified: return "";
  }
  return "";
}

bool CanEncodeComponentType(int minor, model::ComponentType t) {
  return IsComponentType(minor, model::ComponentTypeName(t));
}

bool CanEncodeHashAlgorithm(model::HashAlgorithm a) {
  return IsHashAlgorithm(model::HashAlgorithmName(a));
}

}  // namespace sbomhub::formats::cyclonedx::internal
