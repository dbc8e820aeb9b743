// RawDoc -> model::Sbom: validation of an SPDX 2.x document and its mapping to the model.
// Every check here is linear: ids go into one hash map, relationships are resolved against it.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {
namespace {

using model::Component;
using model::ComponentType;
using model::DependencyEdge;
using model::License;
using model::LicenseAcknowledgement;
using model::RelationshipType;

// Ids the SPDX License List deprecated (3.0 and later); using them is legal but warned about,
// as the SPDX tools do. The full list check belongs to the license module.
constexpr std::array<std::string_view, 22> kDeprecatedLicenses = {
    "AGPL-1.0", "AGPL-3.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3", "GPL-1.0", "GPL-2.0", "GPL-3.0",
    "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "eCos-2.0", "wxWindows", "Nunit", "StandardML-NJ",
    "BSD-2-Clause-FreeBSD", "BSD-2-Clause-NetBSD", "bzip2-1.0.5", "GPL-2.0-with-autoconf-exception",
    "GPL-2.0-with-bison-exception", "GPL-2.0-with-classpath-exception", "GPL-3.0-with-GCC-exception"};

struct Ctx {
  Diagnostics& diags;
  std::string version;  // "2.2" | "2.3"
  bool v22() const { return version != "2.3"; }
  void Error(std::string rule, std::string msg, const Loc& loc) {
    Report(diags, Severity::kError, std::move(rule), std::move(msg), loc);
  }
  void Warn(std::string rule, std::string msg, const Loc& loc) {
    Report(diags, Severity::kWarning, std::move(rule), std::move(msg), loc);
  }
};

// `key` (and `index`, when not npos) under `base`, built only when a diagnostic needs it.
struct LazyLoc {
  const Loc& base;
  std::string_view key;
  std::size_t index = static_cast<std::size_t>(-1);
  operator Loc() const {  // NOLINT: implicit, used where a Loc is reported
    Loc l = Sub(base, key);
    return index == static_cast<std::size_t>(-1) ? l : Sub(l, index);
  }
};

void CheckLicense(Ctx& ctx, std::string_view expr, std::string_view field, const LazyLoc& loc) {
  if (auto problem = LicenseExpressionProblem(expr)) {
    ctx.Error("spdx.license.syntax",
              std::string(field) + " \"" + Excerpt(expr) + "\" is not a valid license expression: " +
                  *problem,
              loc);
    return;
  }
  // Deprecated ids, word by word (operators and parentheses never match the table).
  std::size_t i = 0;
  while (i < expr.size()) {
    while (i < expr.size() && (expr[i] == ' ' || expr[i] == '(' || expr[i] == ')')) ++i;
    std::size_t start = i;
    while (i < expr.size() && expr[i] != ' ' && expr[i] != '(' && expr[i] != ')') ++i;
    std::string_view word = expr.substr(start, i - start);
    if (!word.empty() && word.back() == '+') word.remove_suffix(1);
    if (std::find(kDeprecatedLicenses.begin(), kDeprecatedLicenses.end(), word) !=
        kDeprecatedLicenses.end()) {
      ctx.Warn("spdx.license.deprecated",
               std::string(field) + " uses the deprecated license id \"" + std::string(word) +
                   "\" (use the -only / -or-later form)",
               loc);
    }
  }
}

ComponentType PurposeToType(std::string_view p) {
  if (p == "APPLICATION") return ComponentType::kApplication;
  if (p == "FRAMEWORK") return ComponentType::kFramework;
  if (p == "LIBRARY") return ComponentType::kLibrary;
  if (p == "CONTAINER") return ComponentType::kContainer;
  if (p == "OPERATING_SYSTEM") return ComponentType::kOperatingSystem;
  if (p == "DEVICE") return ComponentType::kDevice;
  if (p == "FIRMWARE") return ComponentType::kFirmware;
  if (p == "SOURCE") return ComponentType::kSource;
  if (p == "ARCHIVE") return ComponentType::kArchive;
  if (p == "FILE") return ComponentType::kFile;
  if (p == "INSTALL") return ComponentType::kInstall;
  if (p == "OTHER") return ComponentType::kOther;
  return ComponentType::kUnspecified;
}

model::Party ActorToParty(const ParsedActor& a) {
  model::Party p;
  if (a.kind == "Person") {
    p.kind = model::Party::Kind::kPerson;
  } else if (a.kind == "Organization") {
    p.kind = model::Party::Kind::kOrganization;
  } else if (a.kind == "Tool") {
    p.kind = model::Party::Kind::kTool;
  }
  p.name = a.name;
  p.email = a.email;
  return p;
}

std::optional<model::Party> MapActor(Ctx& ctx, const std::string& value, std::string_view field,
                                     const LazyLoc& loc) {
  if (value.empty()) return std::nullopt;
  auto actor = ParseActor(value);
  if (!actor || actor->kind == "Tool") {
    ctx.Error("spdx.package.actor",
              std::string(field) + " \"" + Excerpt(value) +
                  "\" must be \"Person: name (email)\", \"Organization: name (email)\" or NOASSERTION",
              loc);
    model::Party p;
    p.name = value;
    return p;
  }
  return ActorToParty(*actor);
}

void CheckChecksum(Ctx& ctx, const RawChecksum& c) {
  auto alg = model::ParseHashAlgorithm(c.algorithm);
  bool spelled_spdx = alg && model::HashAlgorithmSpdxName(*alg) == c.algorithm;
  if (!alg || !spelled_spdx) {
    ctx.Error("spdx.checksum.algorithm",
              "checksum algorithm \"" + Excerpt(c.algorithm) +
                  "\" is not an SPDX algorithm (SHA1, SHA256, MD5, BLAKE2b-256, ...)",
              Sub(c.loc, "algorithm"));
    return;
  }
  static constexpr std::array<model::HashAlgorithm, 8> k23Only = {
      model::HashAlgorithm::kSha3_256,    model::HashAlgorithm::kSha3_384,
      model::HashAlgorithm::kSha3_512,    model::HashAlgorithm::kBlake2b_256,
      model::HashAlgorithm::kBlake2b_384, model::HashAlgorithm::kBlake2b_512,
      model::HashAlgorithm::kBlake3,      model::HashAlgorithm::kAdler32};
  if (ctx.v22() && std::find(k23Only.begin(), k23Only.end(), *alg) != k23Only.end()) {
    ctx.Error("spdx.version.field",
              "checksum algorithm " + c.algorithm + " requires SPDX-2.3 (document declares SPDX-" +
                  ctx.version + ")",
              Sub(c.loc, "algorithm"));
  }
  std::size_t want = model::HashHexLength(*alg);
  if (!IsHex(c.value) || (want && c.value.size() != want)) {
    ctx.Error("spdx.checksum.value",
              c.algorithm + " checksum \"" + Excerpt(c.value) + "\" must be " +
                  (want ? std::to_string(want) + " " : std::string()) + "hex digits",
              Sub(c.loc, "checksumValue"));
  }
}

void CheckElement(Ctx& ctx, const RawElement& e) {
  const char* what = e.is_file ? "file" : "package";
  std::string area = e.is_file ? "spdx.file." : "spdx.package.";
  if (e.spdx_id.empty()) {
    ctx.Error(area + "SPDXID.required", std::string(what) + " has no SPDXID", e.loc);
  } else if (!IsValidSpdxId(e.spdx_id)) {
    ctx.Error(area + "SPDXID.format",
              "SPDXID \"" + Excerpt(e.spdx_id) + "\" must match SPDXRef-[A-Za-z0-9.-]+",
              Sub(e.loc, "SPDXID"));
  }
  if (e.name.empty()) {
    ctx.Error(area + "name.required",
              std::string(what) + " " + e.spdx_id + " has no " +
                  (e.is_file ? "fileName" : "name"),
              e.loc);
  }
  for (const auto& c : e.checksums) CheckChecksum(ctx, c);
  if (!e.license_concluded.empty()) {
    CheckLicense(ctx, e.license_concluded, "licenseConcluded", {e.loc, "licenseConcluded"});
  }
  if (!e.license_declared.empty()) {
    CheckLicense(ctx, e.license_declared, "licenseDeclared", {e.loc, "licenseDeclared"});
  }
  for (std::size_t i = 0; i < e.license_info.size(); ++i) {
    CheckLicense(ctx, e.license_info[i], e.is_file ? "licenseInfoInFiles" : "licenseInfoFromFiles",
                 {e.loc, e.is_file ? "licenseInfoInFiles" : "licenseInfoFromFiles", i});
  }
  if (e.is_file) {
    bool has_sha1 = std::any_of(e.checksums.begin(), e.checksums.end(),
                                [](const RawChecksum& c) { return c.algorithm == "SHA1"; });
    if (!has_sha1) {
      ctx.Error("spdx.file.checksum.sha1", "file " + e.spdx_id + " has no SHA1 checksum", e.loc);
    }
    if (ctx.v22() && e.license_concluded.empty()) {
      ctx.Error("spdx.file.licenseConcluded.required",
                "file " + e.spdx_id + " has no licenseConcluded (required in SPDX-2.2)", e.loc);
    }
    return;
  }
  if (e.download_location.empty()) {
    ctx.Error("spdx.package.downloadLocation.required",
              "package " + e.spdx_id + " has no downloadLocation (use NOASSERTION if unknown)",
              e.loc);
  }
  if (ctx.v22()) {
    if (e.license_concluded.empty() || e.license_declared.empty() || e.copyright.empty()) {
      ctx.Error("spdx.package.required22",
                "package " + e.spdx_id +
                    " lacks licenseConcluded, licenseDeclared or copyrightText (required in "
                    "SPDX-2.2; use NOASSERTION if unknown)",
                e.loc);
    }
  }
  if (!e.files_analyzed.empty() && e.files_analyzed != "true" && e.files_analyzed != "false") {
    ctx.Error("spdx.package.filesAnalyzed.value",
              "filesAnalyzed must be true or false, not \"" + Excerpt(e.files_analyzed) + "\"",
              Sub(e.loc, "filesAnalyzed"));
  }
  bool analyzed = e.files_analyzed != "false";
  if (!analyzed && !e.verification_code.empty()) {
    ctx.Error("spdx.package.filesAnalyzed.verificationCode",
              "package " + e.spdx_id + " has filesAnalyzed false but a packageVerificationCode",
              Sub(e.loc, "packageVerificationCode"));
  }
  if (analyzed && ctx.v22() && e.verification_code.empty()) {
    ctx.Error("spdx.package.filesAnalyzed.verificationCode",
              "package " + e.spdx_id +
                  " has files analyzed (filesAnalyzed true or absent) but no packageVerificationCode "
                  "(required in SPDX-2.2)",
              e.loc);
  }
  if (!e.verification_code.empty() &&
      (!IsHex(e.verification_code) || e.verification_code.size() != 40)) {
    ctx.Error("spdx.package.verificationCode.value",
              "packageVerificationCode \"" + Excerpt(e.verification_code) +
                  "\" must be 40 hex digits (SHA1)",
              Sub(e.loc, "packageVerificationCode"));
  }
  if (!e.primary_purpose.empty()) {
    if (ctx.v22()) {
      ctx.Error("spdx.version.field",
                "primaryPackagePurpose requires SPDX-2.3 (document declares SPDX-" + ctx.version +
                    ")",
                Sub(e.loc, "primaryPackagePurpose"));
    }
    if (!IsKnownPurpose(e.primary_purpose)) {
      ctx.Error("spdx.package.primaryPackagePurpose.enum",
                "primaryPackagePurpose \"" + Excerpt(e.primary_purpose) + "\" is not an SPDX value",
                Sub(e.loc, "primaryPackagePurpose"));
    }
  }
  for (const auto& x : e.extras) {
    bool date = x.name == "spdx:releaseDate" || x.name == "spdx:builtDate" ||
                x.name == "spdx:validUntilDate";
    if (!date) continue;
    std::string key = x.name.substr(5);
    if (ctx.v22()) {
      ctx.Error("spdx.version.field",
                key + " requires SPDX-2.3 (document declares SPDX-" + ctx.version + ")",
                Sub(e.loc, key));
    }
    if (IsDateTimeWithFraction(x.value)) {
      ctx.Warn("spdx.package.date.fraction",
               key + " \"" + Excerpt(x.value) + "\" has fractional seconds; SPDX 2.x specifies YYYY-MM-DDThh:mm:ssZ",
               Sub(e.loc, key));
    } else if (!IsDateTime(x.value)) {
      ctx.Error("spdx.package.date", key + " \"" + Excerpt(x.value) + "\" must be YYYY-MM-DDThh:mm:ssZ",
                Sub(e.loc, key));
    }
  }
  for (const auto& r : e.external_refs) {
    static constexpr std::array<std::string_view, 6> kCategories = {
        "OTHER", "PERSISTENT-ID", "PERSISTENT_ID", "SECURITY", "PACKAGE-MANAGER", "PACKAGE_MANAGER"};
    if (std::find(kCategories.begin(), kCategories.end(), r.category) == kCategories.end()) {
      ctx.Error("spdx.package.externalRef.category",
                "externalRef category \"" + Excerpt(r.category) + "\" is not an SPDX category",
                Sub(r.loc, "referenceCategory"));
    }
    if (r.type.empty() || r.locator.empty()) {
      ctx.Error("spdx.package.externalRef.required",
                "externalRef needs referenceType and referenceLocator", r.loc);
    }
    bool pm = r.category == "PACKAGE-MANAGER" || r.category == "PACKAGE_MANAGER";
    if (pm && r.type == "purl" && !StartsWith(r.locator, "pkg:")) {
      ctx.Error("spdx.package.externalRef.purl",
                "purl \"" + Excerpt(r.locator) + "\" must start with pkg:",
                Sub(r.loc, "referenceLocator"));
    }
  }
}

std::string_view Basename(std::string_view type) {
  auto slash = type.rfind('/');
  return slash == std::string_view::npos ? type : type.substr(slash + 1);
}

Component MapElement(Ctx& ctx, RawElement& e) {
  Component c;
  c.bom_ref = std::move(e.spdx_id);
  c.name = std::move(e.name);
  if (e.is_file) {
    c.type = ComponentType::kFile;
  } else {
    c.type = PurposeToType(e.primary_purpose);
    c.version = std::move(e.version);
    c.supplier = MapActor(ctx, e.supplier, "supplier", {e.loc, "supplier"});
    if (auto o = MapActor(ctx, e.originator, "originator", {e.loc, "originator"})) {
      c.authors.push_back(std::move(*o));
    }
    c.download_location = std::move(e.download_location);
    c.homepage = std::move(e.homepage);
    c.file_name = std::move(e.package_file_name);
    c.source_info = std::move(e.source_info);
    c.files_analyzed = e.files_analyzed != "false";
    c.description = std::move(e.description);
  }
  c.comment = std::move(e.comment);
  c.copyright = std::move(e.copyright);
  for (auto& ck : e.checksums) {
    if (auto alg = model::ParseHashAlgorithm(ck.algorithm)) {
      c.hashes.push_back({*alg, std::move(ck.value)});
    }
  }
  auto add_license = [&](std::string& v, LicenseAcknowledgement ack) {
    if (v.empty()) return;
    License l;
    l.kind = License::Kind::kExpression;
    l.value = std::move(v);
    l.acknowledgement = ack;
    c.licenses.push_back(std::move(l));
  };
  add_license(e.license_concluded, LicenseAcknowledgement::kConcluded);
  add_license(e.license_declared, LicenseAcknowledgement::kDeclared);
  for (auto& v : e.license_info) add_license(v, LicenseAcknowledgement::kUnspecified);
  for (auto& r : e.external_refs) {
    bool pm = r.category == "PACKAGE-MANAGER" || r.category == "PACKAGE_MANAGER";
    std::string_view base = Basename(r.type);
    if (pm && base == "purl" && c.purl.empty() && r.comment.empty() && StartsWith(r.locator, "pkg:")) {
      c.purl = std::move(r.locator);
    } else if (r.category == "SECURITY" && (base == "cpe23Type" || base == "cpe22Type") &&
               r.comment.empty()) {
      c.cpes.push_back(std::move(r.locator));
    } else {
      model::ExternalReference x;
      x.type = r.category + "/" + r.type;
      x.url = std::move(r.locator);
      x.comment = std::move(r.comment);
      c.external_references.push_back(std::move(x));
    }
  }
  if (!e.verification_code.empty()) {
    c.properties.push_back({"spdx:packageVerificationCode", e.verification_code});
    if (!e.verification_excluded.empty()) {
      c.properties.push_back({"spdx:packageVerificationCodeExcludedFiles", e.verification_excluded});
    }
  }
  // Extras in the fixed table order so that encoding and decoding agree on it.
  for (const auto& f : ExtraFields()) {
    if (f.on_file != e.is_file) continue;
    for (auto& x : e.extras) {
      if (x.name == f.property && !x.value.empty()) c.properties.push_back(std::move(x));
    }
  }
  return c;
}

bool IsSpecialRef(std::string_view id) { return id == "NONE" || id == "NOASSERTION"; }

}  // namespace

model::Sbom BuildModel(RawDoc& raw, model::Encoding encoding, Diagnostics& diags) {
  Ctx ctx{diags, std::string(VersionNumber(raw.spdx_version))};
  if (ctx.version == "2.1") ctx.version = "2.2";  // read with 2.2 rules (see UnsupportedVersion)
  model::Sbom sbom;
  sbom.family = model::SpecFamily::kSpdx;
  sbom.encoding = encoding;
  sbom.spec_version = std::string(VersionNumber(raw.spdx_version));

  // ---- document ----
  if (raw.spdx_id != "SPDXRef-DOCUMENT") {
    ctx.Error("spdx.document.SPDXID",
              raw.spdx_id.empty() ? std::string("document SPDXID is missing (must be SPDXRef-DOCUMENT)")
                                  : "document SPDXID \"" + Excerpt(raw.spdx_id) +
                                        "\" must be SPDXRef-DOCUMENT",
              Sub(raw.loc, "SPDXID"));
  }
  if (raw.data_license != "CC0-1.0") {
    ctx.Error("spdx.document.dataLicense",
              raw.data_license.empty() ? std::string("dataLicense is missing (must be CC0-1.0)")
                                       : "dataLicense \"" + Excerpt(raw.data_license) +
                                             "\" must be CC0-1.0",
              Sub(raw.loc, "dataLicense"));
  }
  if (raw.name.empty()) ctx.Error("spdx.document.name.required", "document name is missing", raw.loc);
  if (raw.document_namespace.empty()) {
    ctx.Error("spdx.document.namespace.required", "documentNamespace is missing", raw.loc);
  } else {
    const std::string& ns = raw.document_namespace;
    auto colon = ns.find(':');
    bool scheme_ok = colon != std::string::npos && colon > 0 &&
                     std::isalpha(static_cast<unsigned char>(ns[0])) &&
                     std::all_of(ns.begin(), ns.begin() + static_cast<std::ptrdiff_t>(colon), [](char ch) {
                       return std::isalnum(static_cast<unsigned char>(ch)) || ch == '+' ||
                              ch == '-' || ch == '.';
                     });
    if (!scheme_ok || ns.find('#') != std::string::npos || ns.find(' ') != std::string::npos) {
      ctx.Error("spdx.document.namespace.uri",
                "documentNamespace \"" + Excerpt(ns) + "\" must be an absolute URI without '#'",
                Sub(raw.loc, "documentNamespace"));
    }
  }
  Loc ci = Sub(raw.loc, "creationInfo");
  if (!raw.has_creation_info) {
    ctx.Error("spdx.creationInfo.required", "creationInfo (Created, Creator) is missing", raw.loc);
  } else {
    if (raw.created.empty()) {
      ctx.Error("spdx.creationInfo.created.required", "creationInfo.created is missing", ci);
    } else if (IsDateTimeWithFraction(raw.created)) {
      ctx.Warn("spdx.creationInfo.created.fraction",
               "created \"" + Excerpt(raw.created) +
                   "\" has fractional seconds; SPDX 2.x specifies YYYY-MM-DDThh:mm:ssZ",
               Sub(ci, "created"));
    } else if (!IsDateTime(raw.created)) {
      ctx.Error("spdx.creationInfo.created.format",
                "created \"" + Excerpt(raw.created) + "\" must be YYYY-MM-DDThh:mm:ssZ",
                Sub(ci, "created"));
    }
    if (raw.creators.empty()) {
      ctx.Error("spdx.creationInfo.creators.required", "creationInfo has no creators", ci);
    }
  }
  sbom.serial_number = raw.document_namespace;
  sbom.document_name = raw.name;
  if (!raw.spdx_id.empty()) sbom.document_ref = raw.spdx_id;
  sbom.timestamp = raw.created;
  sbom.comment = raw.comment;
  if (!raw.data_license.empty()) {
    License l;
    l.kind = License::Kind::kSpdxId;
    l.value = raw.data_license;
    sbom.data_licenses.push_back(std::move(l));
  }
  for (auto& [creator, loc] : raw.creators) {
    auto a = ParseActor(creator);
    if (!a || a->kind.empty()) {
      ctx.Error("spdx.creationInfo.creators.prefix",
                "creator \"" + Excerpt(creator) + "\" must start with Person:, Organization: or Tool:",
                loc);
      continue;
    }
    if (a->kind == "Tool") {
      model::Tool t;
      // "name-1.2.3": the version is what follows the last '-' when it starts with a digit
      // (optionally after 'v'); otherwise the whole string is the name.
      auto dash = a->name.rfind('-');
      if (dash != std::string::npos && dash + 1 < a->name.size()) {
        std::size_t v = dash + 1;
        if (a->name[v] == 'v' && v + 1 < a->name.size()) ++v;
        if (std::isdigit(static_cast<unsigned char>(a->name[v]))) {
          t.name = a->name.substr(0, dash);
          t.version = a->name.substr(dash + 1);
        }
      }
      if (t.name.empty()) t.name = a->name;
      sbom.tools.push_back(std::move(t));
    } else {
      sbom.authors.push_back(ActorToParty(*a));
    }
  }
  if (!raw.creator_comment.empty()) sbom.properties.push_back({"spdx:creatorComment", raw.creator_comment});
  if (!raw.license_list_version.empty()) {
    sbom.properties.push_back({"spdx:licenseListVersion", raw.license_list_version});
  }
  std::unordered_set<std::string> doc_refs;
  for (auto& x : raw.external_doc_refs) {
    if (!IsValidDocumentRef(x.id)) {
      ctx.Error("spdx.externalDocumentRef.id",
                "externalDocumentId \"" + Excerpt(x.id) + "\" must match DocumentRef-[A-Za-z0-9.-+]+",
                Sub(x.loc, "externalDocumentId"));
    }
    if (x.document.empty() || x.checksum.algorithm.empty()) {
      ctx.Error("spdx.externalDocumentRef.required",
                "external document reference needs a document URI and a checksum", x.loc);
    } else {
      CheckChecksum(ctx, x.checksum);
    }
    doc_refs.insert(x.id);
    sbom.properties.push_back({"spdx:externalDocumentRef", x.id + " " + x.document + " " +
                                                               x.checksum.algorithm + ": " +
                                                               x.checksum.value});
  }
  for (auto& x : raw.extracted) {
    if (!IsValidLicenseRef(x.id) || StartsWith(x.id, "DocumentRef-")) {
      ctx.Error("spdx.extractedLicense.id",
                "licenseId \"" + Excerpt(x.id) + "\" must match LicenseRef-[A-Za-z0-9.-]+",
                Sub(x.loc, "licenseId"));
    }
    if (x.text.empty()) {
      ctx.Error("spdx.extractedLicense.text", "extracted license " + x.id + " has no extractedText",
                x.loc);
    }
    sbom.properties.push_back({"spdx:extractedLicense:" + x.id, x.text});
    if (!x.name.empty()) sbom.properties.push_back({"spdx:extractedLicenseName:" + x.id, x.name});
  }
  std::size_t dropped_license_details = 0;
  for (const auto& x : raw.extracted) {
    if (!x.comment.empty() || !x.see_also.empty()) ++dropped_license_details;
  }
  if (dropped_license_details) {
    Report(diags, Severity::kInfo, "spdx.model.extractedLicenseDetails",
           std::to_string(dropped_license_details) +
               " extracted license(s) have a comment or seeAlso the model does not hold; their id, "
               "name and text are kept",
           Sub(raw.loc, "hasExtractedLicensingInfos"));
  }
  if (raw.snippets) {
    Report(diags, Severity::kInfo, "spdx.model.snippets",
           std::to_string(raw.snippets) + " snippet(s) not kept: the model has no snippets",
           Sub(raw.loc, "snippets"));
  }
  if (raw.annotations) {
    Report(diags, Severity::kInfo, "spdx.model.annotations",
           std::to_string(raw.annotations) + " annotation(s) not kept: the model has no annotations",
           Sub(raw.loc, "annotations"));
  }

  // ---- elements ----
  std::unordered_map<std::string, std::size_t> index;  // SPDXID -> element index
  index.reserve(raw.elements.size());
  for (std::size_t i = 0; i < raw.elements.size(); ++i) {
    const RawElement& e = raw.elements[i];
    CheckElement(ctx, e);
    if (e.spdx_id.empty()) continue;
    auto [it, inserted] = index.emplace(e.spdx_id, i);
    if (!inserted || e.spdx_id == raw.spdx_id) {
      ctx.Error("spdx.element.SPDXID.unique", "SPDXID " + e.spdx_id + " is used more than once",
                Sub(e.loc, "SPDXID"));
    }
  }
  auto resolvable = [&](const std::string& id, bool allow_special) {
    if (index.count(id) || id == raw.spdx_id) return true;
    if (allow_special && IsSpecialRef(id)) return true;
    if (StartsWith(id, "DocumentRef-")) {
      auto colon = id.find(':');
      return colon != std::string::npos && IsValidDocumentRef(id.substr(0, colon)) &&
             IsValidSpdxId(id.substr(colon + 1));
    }
    return false;
  };

  // ---- describes and relationships ----
  std::vector<std::string> described;
  std::unordered_set<std::string> described_set;
  auto add_described = [&](const std::string& id) {
    if (described_set.insert(id).second) described.push_back(id);
  };
  for (auto& [id, loc] : raw.describes) {
    if (!resolvable(id, false)) {
      ctx.Error("spdx.describes.unresolved",
                "documentDescribes names \"" + Excerpt(id) + "\", which is not in the document",
                loc);
    }
    add_described(id);
  }
  std::vector<DependencyEdge> edges;
  edges.reserve(raw.relationships.size());
  for (auto& r : raw.relationships) {
    if (r.from.empty() || r.to.empty() || r.type.empty()) {
      ctx.Error("spdx.relationship.required",
                "relationship needs spdxElementId, relationshipType and relatedSpdxElement", r.loc);
      continue;
    }
    if (!IsKnownRelationshipType(r.type)) {
      ctx.Error("spdx.relationship.type.enum",
                "relationshipType \"" + Excerpt(r.type) + "\" is not an SPDX relationship type",
                Sub(r.loc, "relationshipType"));
    } else if (ctx.v22() && IsRelationshipType23Only(r.type)) {
      ctx.Error("spdx.version.field",
                "relationshipType " + r.type + " requires SPDX-2.3 (document declares SPDX-" +
                    ctx.version + ")",
                Sub(r.loc, "relationshipType"));
    }
    if (!resolvable(r.from, false)) {
      ctx.Error("spdx.relationship.unresolved",
                "spdxElementId \"" + Excerpt(r.from) + "\" is not an element of this document",
                Sub(r.loc, "spdxElementId"));
    }
    if (!resolvable(r.to, true)) {
      ctx.Error("spdx.relationship.unresolved",
                "relatedSpdxElement \"" + Excerpt(r.to) + "\" is not an element of this document",
                Sub(r.loc, "relatedSpdxElement"));
    }
    if (r.type == "DESCRIBES" && r.from == raw.spdx_id) {
      add_described(r.to);
      continue;
    }
    if (r.type == "DESCRIBED_BY" && r.to == raw.spdx_id) {
      add_described(r.from);
      continue;
    }
    DependencyEdge edge;
    edge.comment = std::move(r.comment);
    const std::string& t = r.type;
    bool reverse = false;
    if (t == "DEPENDS_ON") {
      edge.type = RelationshipType::kDependsOn;
    } else if (t == "DEPENDENCY_OF") {
      edge.type = RelationshipType::kDependsOn, reverse = true;
    } else if (t == "DEV_DEPENDENCY_OF") {
      edge.type = RelationshipType::kDevDependsOn, reverse = true;
    } else if (t == "BUILD_DEPENDENCY_OF") {
      edge.type = RelationshipType::kBuildDependsOn, reverse = true;
    } else if (t == "OPTIONAL_DEPENDENCY_OF") {
      edge.type = RelationshipType::kOptionalDependsOn, reverse = true;
    } else if (t == "RUNTIME_DEPENDENCY_OF") {
      edge.type = RelationshipType::kRuntimeDependsOn, reverse = true;
    } else if (t == "TEST_DEPENDENCY_OF") {
      edge.type = RelationshipType::kTestDependsOn, reverse = true;
    } else if (t == "PROVIDED_DEPENDENCY_OF") {
      edge.type = RelationshipType::kProvidedDependsOn, reverse = true;
    } else if (t == "CONTAINS") {
      edge.type = RelationshipType::kContains;
    } else if (t == "CONTAINED_BY") {
      edge.type = RelationshipType::kContains, reverse = true;
    } else {
      edge.type = RelationshipType::kOther;
      edge.raw_type = t;
    }
    edge.from = reverse ? std::move(r.to) : std::move(r.from);
    edge.to = reverse ? std::move(r.from) : std::move(r.to);
    edges.push_back(std::move(edge));
  }
  for (const auto& e : raw.elements) {
    for (std::size_t i = 0; i < e.has_files.size(); ++i) {
      const std::string& f = e.has_files[i];
      auto it = index.find(f);
      if (it == index.end() || !raw.elements[it->second].is_file) {
        ctx.Error("spdx.package.hasFiles.unresolved",
                  "hasFiles names \"" + Excerpt(f) + "\", which is not a file of this document",
                  Sub(e.has_files_loc, i));
      }
      DependencyEdge edge;
      edge.from = e.spdx_id;
      edge.to = f;
      edge.type = RelationshipType::kContains;
      edges.push_back(std::move(edge));
    }
  }

  // ---- primary: the one described package ----
  std::string primary_id;
  std::size_t described_packages = 0;
  for (const auto& id : described) {
    auto it = index.find(id);
    if (it != index.end() && !raw.elements[it->second].is_file) {
      ++described_packages;
      primary_id = id;
    }
  }
  if (described_packages != 1) primary_id.clear();
  std::vector<DependencyEdge> describe_edges;
  for (const auto& id : described) {
    if (id == primary_id) continue;
    DependencyEdge edge;
    edge.from = sbom.document_ref;
    edge.to = id;
    edge.type = RelationshipType::kOther;
    edge.raw_type = "DESCRIBES";
    describe_edges.push_back(std::move(edge));
  }

  // Duplicates (hasFiles repeating a CONTAINS relationship, repeated entries) collapse to one.
  std::unordered_set<std::string> seen;
  seen.reserve(edges.size() + describe_edges.size());
  auto keep = [&](DependencyEdge& e) {
    std::string key = e.from;
    key += '\n';
    key += e.to;
    key += '\n';
    key += std::to_string(static_cast<int>(e.type));
    key += e.raw_type;
    if (seen.insert(std::move(key)).second) sbom.dependencies.push_back(std::move(e));
  };
  for (auto& e : describe_edges) keep(e);
  for (auto& e : edges) keep(e);

  sbom.components.reserve(raw.elements.size());
  for (auto& e : raw.elements) {
    Component c = MapElement(ctx, e);
    if (!primary_id.empty() && c.bom_ref == primary_id && !sbom.primary) {
      sbom.primary = std::move(c);
    } else {
      sbom.components.push_back(std::move(c));
    }
  }
  return sbom;
}

}  // namespace sbomhub::formats::spdx::internal
