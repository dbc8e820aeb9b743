// SPDX 2.x JSON -> RawDoc with simdjson's DOM parser (one pass over the tape; strings are copied
// once into the RawDoc). Positions are JSON pointers; malformed bytes are located by
// LocateJsonError (file:line:col) on the failure path only.
#include <simdjson.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/file.h"
#include "base/text.h"
#include "formats/common/json_errors.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {
namespace {

namespace dom = simdjson::dom;

// Where a value is, built only when needed: most fields never need their pointer, and building a
// string for each would dominate decoding time. A chain of these lives on the stack while an
// object is walked; converting to Loc materializes "/packages/3/name".
struct Path {
  const Loc* loc = nullptr;  // materialized root of the chain, or
  const Path* parent = nullptr;
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;

  operator Loc() const {  // NOLINT: implicit so that Report() and stored locations take it
    if (loc) return *loc;
    Loc base = *parent;
    return is_index ? Sub(base, index) : Sub(base, key);
  }
};

// Detects repeated keys in one object: a linear scan for small objects, a hash set for big ones
// (so an adversarial object with many keys stays linear).
class KeyTracker {
 public:
  explicit KeyTracker(std::size_t size) : use_set_(size > 24) {}
  bool Seen(std::string_view key) {
    if (use_set_) return !set_.insert(key).second;
    for (auto k : small_) {
      if (k == key) return true;
    }
    small_.push_back(key);
    return false;
  }

 private:
  bool use_set_;
  std::vector<std::string_view> small_;
  std::unordered_set<std::string_view> set_;
};

const char* TypeName(dom::element_type t) {
  switch (t) {
    case dom::element_type::ARRAY: return "array";
    case dom::element_type::OBJECT: return "object";
    case dom::element_type::STRING: return "string";
    case dom::element_type::BOOL: return "boolean";
    case dom::element_type::NULL_VALUE: return "null";
    default: return "number";
  }
}

class Reader {
 public:
  explicit Reader(Diagnostics& d) : d_(d) {}

  // Iterates an object's fields, reporting duplicate keys; false (with an error) if not an object.
  template <typename Fn>
  bool ForFields(dom::element v, const Path& loc, Fn&& fn) {
    dom::object obj;
    if (v.get_object().get(obj)) {
      TypeError(v, "object", loc);
      return false;
    }
    KeyTracker keys(obj.size());
    for (auto field : obj) {
      Path at{nullptr, &loc, field.key};
      if (keys.Seen(field.key)) {
        Report(d_, Severity::kError, "spdx.json.duplicateKey",
               "key \"" + Excerpt(field.key) + "\" appears more than once in this object", at);
        continue;
      }
      fn(field.key, field.value, at);
    }
    return true;
  }

  template <typename Fn>
  void ForItems(dom::element v, const Path& loc, Fn&& fn) {
    dom::array arr;
    if (v.get_array().get(arr)) {
      TypeError(v, "array", loc);
      return;
    }
    std::size_t i = 0;
    for (auto item : arr) {
      fn(item, Path{nullptr, &loc, {}, i, true});
      ++i;
    }
  }

  void Str(dom::element v, const Path& loc, std::string& out) {
    std::string_view s;
    if (v.get_string().get(s)) {
      TypeError(v, "string", loc);
      return;
    }
    out.assign(s.data(), s.size());
  }

  void StrList(dom::element v, const Path& loc, std::vector<std::string>& out) {
    ForItems(v, loc, [&](dom::element item, const Path& at) {
      std::string s;
      Str(item, at, s);
      out.push_back(std::move(s));
    });
  }

  void Bool(dom::element v, const Path& loc, std::string& out) {
    bool b;
    if (v.get_bool().get(b)) {
      TypeError(v, "boolean", loc);
      return;
    }
    out = b ? "true" : "false";
  }

  std::size_t Count(dom::element v, const Path& loc) {
    dom::array arr;
    if (v.get_array().get(arr)) {
      TypeError(v, "array", loc);
      return 0;
    }
    return arr.size();
  }

  void Unknown(std::string_view key, const Path& loc) {
    Report(d_, Severity::kWarning, "spdx.json.unknownKey",
           "unknown key \"" + Excerpt(key) + "\" ignored", loc);
  }

  void TypeError(dom::element v, const char* want, const Path& loc) {
    Report(d_, Severity::kError, "spdx.json.type",
           std::string("expected ") + want + ", found " + TypeName(v.type()), loc);
  }

  void Checksums(dom::element v, const Path& loc, std::vector<RawChecksum>& out) {
    ForItems(v, loc, [&](dom::element item, const Path& at) { out.push_back(Checksum(item, at)); });
  }

  RawChecksum Checksum(dom::element v, const Path& loc) {
    RawChecksum c;
    c.loc = loc;
    ForFields(v, loc, [&](std::string_view k, dom::element val, const Path& at) {
      if (k == "algorithm") {
        Str(val, at, c.algorithm);
      } else if (k == "checksumValue") {
        Str(val, at, c.value);
      } else {
        Unknown(k, at);
      }
    });
    if (c.algorithm.empty() || c.value.empty()) {
      Report(d_, Severity::kError, "spdx.checksum.required",
             "checksum needs algorithm and checksumValue", loc);
    }
    return c;
  }

  bool Extra(std::string_view k, dom::element val, const Path& at, RawElement& e) {
    const ExtraField* f = FindExtraByJsonKey(k, e.is_file);
    if (!f) return false;
    if (f->repeated) {
      std::vector<std::string> items;
      StrList(val, at, items);
      for (auto& s : items) e.extras.push_back({std::string(f->property), std::move(s)});
    } else {
      std::string s;
      Str(val, at, s);
      e.extras.push_back({std::string(f->property), std::move(s)});
    }
    return true;
  }

  RawElement Package(dom::element v, const Path& loc, std::size_t& annotations) {
    RawElement e;
    e.loc = loc;
    ForFields(v, loc, [&](std::string_view k, dom::element val, const Path& at) {
      if (k == "SPDXID") Str(val, at, e.spdx_id);
      else if (k == "name") Str(val, at, e.name);
      else if (k == "versionInfo") Str(val, at, e.version);
      else if (k == "supplier") Str(val, at, e.supplier);
      else if (k == "originator") Str(val, at, e.originator);
      else if (k == "downloadLocation") Str(val, at, e.download_location);
      else if (k == "homepage") Str(val, at, e.homepage);
      else if (k == "packageFileName") Str(val, at, e.package_file_name);
      else if (k == "filesAnalyzed") Bool(val, at, e.files_analyzed);
      else if (k == "packageVerificationCode") {
        ForFields(val, at, [&](std::string_view k2, dom::element v2, const Path& at2) {
          if (k2 == "packageVerificationCodeValue") {
            Str(v2, at2, e.verification_code);
          } else if (k2 == "packageVerificationCodeExcludedFiles") {
            std::vector<std::string> files;
            StrList(v2, at2, files);
            for (auto& f : files) {
              if (!e.verification_excluded.empty()) e.verification_excluded += ' ';
              e.verification_excluded += f;
            }
          } else {
            Unknown(k2, at2);
          }
        });
      } else if (k == "licenseConcluded") Str(val, at, e.license_concluded);
      else if (k == "licenseDeclared") Str(val, at, e.license_declared);
      else if (k == "licenseInfoFromFiles") StrList(val, at, e.license_info);
      else if (k == "copyrightText") Str(val, at, e.copyright);
      else if (k == "description") Str(val, at, e.description);
      else if (k == "comment") Str(val, at, e.comment);
      else if (k == "sourceInfo") Str(val, at, e.source_info);
      else if (k == "primaryPackagePurpose") Str(val, at, e.primary_purpose);
      else if (k == "checksums") Checksums(val, at, e.checksums);
      else if (k == "externalRefs") {
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          RawExternalRef r;
          r.loc = at2;
          ForFields(item, at2, [&](std::string_view k2, dom::element v2, const Path& at3) {
            if (k2 == "referenceCategory") Str(v2, at3, r.category);
            else if (k2 == "referenceType") Str(v2, at3, r.type);
            else if (k2 == "referenceLocator") Str(v2, at3, r.locator);
            else if (k2 == "comment") Str(v2, at3, r.comment);
            else Unknown(k2, at3);
          });
          e.external_refs.push_back(std::move(r));
        });
      } else if (k == "hasFiles") {
        e.has_files_loc = at;
        StrList(val, at, e.has_files);
      } else if (k == "annotations") annotations += Count(val, at);
      else if (!Extra(k, val, at, e)) Unknown(k, at);
    });
    return e;
  }

  RawElement File(dom::element v, const Path& loc, std::size_t& annotations) {
    RawElement e;
    e.is_file = true;
    e.loc = loc;
    ForFields(v, loc, [&](std::string_view k, dom::element val, const Path& at) {
      if (k == "SPDXID") Str(val, at, e.spdx_id);
      else if (k == "fileName") Str(val, at, e.name);
      else if (k == "checksums") Checksums(val, at, e.checksums);
      else if (k == "licenseConcluded") Str(val, at, e.license_concluded);
      else if (k == "licenseInfoInFiles") StrList(val, at, e.license_info);
      else if (k == "copyrightText") Str(val, at, e.copyright);
      else if (k == "comment") Str(val, at, e.comment);
      else if (k == "annotations") annotations += Count(val, at);
      else if (k == "artifactOfs" || k == "fileDependencies") {
        Report(d_, Severity::kInfo, "spdx.model.deprecatedField",
               std::string(k) + " (deprecated since SPDX-2.1) is not kept", at);
      } else if (!Extra(k, val, at, e)) Unknown(k, at);
    });
    return e;
  }

  void Top(dom::element root, RawDoc& doc) {
    std::vector<RawElement> files;
    Path top{&doc.loc};
    ForFields(root, top, [&](std::string_view k, dom::element val, const Path& at) {
      if (k == "spdxVersion") Str(val, at, doc.spdx_version);
      else if (k == "dataLicense") Str(val, at, doc.data_license);
      else if (k == "SPDXID") Str(val, at, doc.spdx_id);
      else if (k == "name") Str(val, at, doc.name);
      else if (k == "documentNamespace") Str(val, at, doc.document_namespace);
      else if (k == "comment") Str(val, at, doc.comment);
      else if (k == "creationInfo") {
        doc.has_creation_info = true;
        ForFields(val, at, [&](std::string_view k2, dom::element v2, const Path& at2) {
          if (k2 == "created") Str(v2, at2, doc.created);
          else if (k2 == "comment") Str(v2, at2, doc.creator_comment);
          else if (k2 == "licenseListVersion") Str(v2, at2, doc.license_list_version);
          else if (k2 == "creators") {
            ForItems(v2, at2, [&](dom::element item, const Path& at3) {
              std::string s;
              Str(item, at3, s);
              doc.creators.emplace_back(std::move(s), at3);
            });
          } else Unknown(k2, at2);
        });
      } else if (k == "documentDescribes") {
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          std::string s;
          Str(item, at2, s);
          doc.describes.emplace_back(std::move(s), at2);
        });
      } else if (k == "externalDocumentRefs") {
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          RawExternalDocRef x;
          x.loc = at2;
          ForFields(item, at2, [&](std::string_view k3, dom::element v3, const Path& at3) {
            if (k3 == "externalDocumentId") Str(v3, at3, x.id);
            else if (k3 == "spdxDocument") Str(v3, at3, x.document);
            else if (k3 == "checksum") x.checksum = Checksum(v3, at3);
            else Unknown(k3, at3);
          });
          doc.external_doc_refs.push_back(std::move(x));
        });
      } else if (k == "packages") {
        dom::array arr;
        if (!val.get_array().get(arr)) doc.elements.reserve(doc.elements.size() + arr.size());
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          doc.elements.push_back(Package(item, at2, doc.annotations));
        });
      } else if (k == "files") {
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          files.push_back(File(item, at2, doc.annotations));
        });
      } else if (k == "relationships") {
        dom::array arr;
        if (!val.get_array().get(arr)) doc.relationships.reserve(arr.size());
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          RawRelationship r;
          r.loc = at2;
          ForFields(item, at2, [&](std::string_view k3, dom::element v3, const Path& at3) {
            if (k3 == "spdxElementId") Str(v3, at3, r.from);
            else if (k3 == "relationshipType") Str(v3, at3, r.type);
            else if (k3 == "relatedSpdxElement") Str(v3, at3, r.to);
            else if (k3 == "comment") Str(v3, at3, r.comment);
            else Unknown(k3, at3);
          });
          doc.relationships.push_back(std::move(r));
        });
      } else if (k == "hasExtractedLicensingInfos") {
        ForItems(val, at, [&](dom::element item, const Path& at2) {
          RawExtractedLicense x;
          x.loc = at2;
          ForFields(item, at2, [&](std::string_view k3, dom::element v3, const Path& at3) {
            if (k3 == "licenseId") Str(v3, at3, x.id);
            else if (k3 == "extractedText") Str(v3, at3, x.text);
            else if (k3 == "name") Str(v3, at3, x.name);
            else if (k3 == "comment") Str(v3, at3, x.comment);
            else if (k3 == "seeAlsos") StrList(v3, at3, x.see_also);
            else if (k3 == "crossRefs") x.see_also.emplace_back("crossRefs");
            else Unknown(k3, at3);
          });
          doc.extracted.push_back(std::move(x));
        });
      } else if (k == "snippets") doc.snippets += Count(val, at);
      else if (k == "annotations" || k == "revieweds") doc.annotations += Count(val, at);
      else Unknown(k, at);
    });
    for (auto& f : files) doc.elements.push_back(std::move(f));
  }

 private:
  Diagnostics& d_;
};

}  // namespace

Result<RawDoc> ReadJson(const std::string& bytes, const std::string& file, Diagnostics& diags) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end; ReadFile/PaddedCopy leave that much
  // capacity, anything else gets one padded copy.
  static_assert(kInputPadding >= simdjson::SIMDJSON_PADDING);
  // One parser per thread, reused across documents (see the CycloneDX decoder for why).
  thread_local dom::parser parser;
  dom::element root;
  simdjson::error_code err = simdjson::SUCCESS;
  if (parser.capacity() < bytes.size() || parser.max_depth() != kMaxJsonDepth) {
    err = parser.allocate(bytes.size(), kMaxJsonDepth);
  }
  if (err) return Status::TooLarge(file + ": cannot allocate the JSON parser: " + simdjson::error_message(err));
  if (bytes.capacity() >= bytes.size() + simdjson::SIMDJSON_PADDING) {
    err = parser.parse(bytes.data(), bytes.size(), false).get(root);
  } else {
    simdjson::padded_string padded(bytes);
    err = parser.parse(padded).get(root);
  }
  if (err) {
    Status located = LocateJsonError(bytes, file);
    if (!located.ok()) return located;
    return Status::ParseError(file + ": malformed JSON: " + simdjson::error_message(err));
  }
  if (!root.is_object()) {
    return Status::ParseError(file + ": an SPDX JSON document must be an object, found " +
                              TypeName(root.type()));
  }
  // The version decides the rules, so look at it before reading the rest.
  std::string_view version;
  if (root["spdxVersion"].get_string().get(version)) {
    return Status::InvalidDocument(file + ": spdxVersion is missing or not a string");
  }
  std::string_view number = VersionNumber(version);
  if (!IsSupportedVersion(number) && number != "2.1") return UnsupportedVersion(version, file);
  RawDoc doc;
  Reader reader(diags);
  reader.Top(root, doc);
  return doc;
}

}  // namespace sbomhub::formats::spdx::internal
