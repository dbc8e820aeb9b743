// Common Platform Enumeration names (CPE 2.3, NISTIR 7695 naming and NISTIR 7696 matching).
//
// A CPE is held as a well-formed name (WFN): eleven attributes, each either a logical value
// (ANY, NA) or a string. Two textual bindings are read and written:
//
//   formatted string (2.3)  cpe:2.3:a:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other
//                                  ANY = "*", NA = "-", special characters escaped with '\'
//   URI (2.2)               cpe:/a:vendor:product:version:update:edition:language
//                                  ANY = "" (or omitted), NA = "-", special characters %xx-encoded;
//                                  edition may pack "~edition~sw_edition~target_sw~target_hw~other"
//
// String values are kept in WFN form: every character other than [A-Za-z0-9_] is quoted with a
// backslash ("1\.2\.3", "x9drff\-7\/i"), and an unquoted '*' or '?' at either end is a wildcard
// (patterns only). Case is kept as written; comparisons are case-insensitive, as NISTIR 7696 says.
//
// Cpe is a value type, safe to read from many threads. Parsing is one linear pass; names longer
// than kMaxCpeLength bytes are rejected, which also bounds the cost of wildcard matching.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::model {

// One WFN attribute value.
struct CpeValue {
  enum class Kind : unsigned char { kAny, kNa, kString };
  Kind kind = Kind::kAny;
  std::string wfn;  // quoted WFN string when kind == kString, else empty

  static CpeValue Any() { return {}; }
  static CpeValue Na() { return {Kind::kNa, {}}; }
  // From a plain (unquoted) string such as "node.js": quotes it. "" gives ANY.
  static CpeValue Literal(std::string_view plain);

  bool is_any() const { return kind == Kind::kAny; }
  bool is_na() const { return kind == Kind::kNa; }
  bool is_string() const { return kind == Kind::kString; }
  // The value with WFN quoting removed ("x9drff-7/i(t)g+"); "*" for ANY and "-" for NA.
  // Wildcards stay as '*' / '?'.
  std::string Unquoted() const;
  // Whether the string has an unquoted '*' or '?' (only legal at either end).
  bool HasWildcard() const;

  bool operator==(const CpeValue&) const = default;
};

// NISTIR 7696 attribute comparison: how the source value relates to the target value.
enum class CpeRelation { kEqual, kSuperset, kSubset, kDisjoint, kUndefined };
CpeRelation CompareCpeValues(const CpeValue& source, const CpeValue& target);

class Cpe {
 public:
  static constexpr std::size_t kMaxCpeLength = 4096;

  enum class Attribute : unsigned char {
    kPart, kVendor, kProduct, kVersion, kUpdate, kEdition, kLanguage,
    kSwEdition, kTargetSw, kTargetHw, kOther,
  };
  static constexpr std::size_t kAttributeCount = 11;
  // "part", "vendor", ..., "sw_edition", "target_sw", "target_hw", "other"
  static std::string_view AttributeName(Attribute a);

  // Either binding, chosen by prefix ("cpe:2.3:" or "cpe:/"). Errors are kParseError and name the
  // attribute and byte offset.
  static Result<Cpe> Parse(std::string_view text);
  static Result<Cpe> ParseFormattedString(std::string_view text);
  static Result<Cpe> ParseUri(std::string_view text);

  // Bindings (NISTIR 7695 §6.1.3 / §6.2.2). ToUri drops trailing ANY components and packs the
  // extended attributes into the edition component when any of them is not ANY.
  std::string ToFormattedString() const;
  std::string ToUri() const;

  const CpeValue& get(Attribute a) const { return attrs_[static_cast<std::size_t>(a)]; }
  // Setting a value bypasses the parser: it must be well formed (use CpeValue::Literal).
  void set(Attribute a, CpeValue v) { attrs_[static_cast<std::size_t>(a)] = std::move(v); }

  const CpeValue& part() const { return get(Attribute::kPart); }
  const CpeValue& vendor() const { return get(Attribute::kVendor); }
  const CpeValue& product() const { return get(Attribute::kProduct); }
  const CpeValue& version() const { return get(Attribute::kVersion); }
  const CpeValue& update() const { return get(Attribute::kUpdate); }
  const CpeValue& target_sw() const { return get(Attribute::kTargetSw); }

  // NISTIR 7696 name matching: true when `pattern` names a superset of (or the same set as) this
  // name in every attribute — ANY matches everything, NA only NA, strings compare
  // case-insensitively, and a pattern string may start/end with wildcards ('*' any run,
  // '?' exactly one character each). A wildcard in *this* name makes the result false.
  bool Matches(const Cpe& pattern) const;

  // How ANY in *this* (the target) is read when the pattern is more specific.
  enum class AnyInTarget {
    kStrict,   // NISTIR 7696: ANY means "all values", so a narrower pattern does not match it
    kUnknown,  // SBOM-derived names: ANY means "not recorded", so any pattern value may match it
  };
  bool Matches(const Cpe& pattern, AnyInTarget any_in_target) const;

  bool operator==(const Cpe&) const = default;

 private:
  std::array<CpeValue, kAttributeCount> attrs_{};
};

}  // namespace sbomhub::model
