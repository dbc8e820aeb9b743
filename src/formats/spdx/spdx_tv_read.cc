// SPDX 2.x tag-value -> RawDoc. One forward pass over the bytes: each "Tag: value" line (or a
// "<text>...</text>" value spanning lines) is dispatched on the section it appears in. Lines end
// with LF, CRLF or a lone CR (some published documents use old Mac line ends).
#include <string>
#include <string_view>

#include "base/text.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {
namespace {

enum class Section { kDocument, kElement, kSnippet, kLicense, kAnnotation, kReview };

class TvReader {
 public:
  TvReader(std::string_view text, const std::string& file, Diagnostics& d)
      : text_(text), file_(file), d_(d) {}

  Result<RawDoc> Run() {
    doc_.loc.line = 1;
    while (pos_ < text_.size()) {
      std::size_t line_no = line_;
      std::string_view line = NextLine();
      std::string_view trimmed = TrimWhitespace(line);
      if (trimmed.empty() || trimmed[0] == '#') continue;
      auto colon = line.find(':');
      if (colon == std::string_view::npos) {
        Error(line_no, "spdx.tv.syntax", "expected \"Tag: value\", found \"" + Excerpt(trimmed) + "\"");
        continue;
      }
      std::string_view tag = TrimWhitespace(line.substr(0, colon));
      std::string_view rest = line.substr(colon + 1);
      std::string value;
      std::string_view vt = TrimWhitespace(rest);
      if (StartsWith(vt, "<text>")) {
        // The value runs to the matching </text>, possibly lines later.
        std::size_t start = static_cast<std::size_t>(vt.data() - text_.data()) + 6;
        std::size_t end = text_.find("</text>", start);
        if (end == std::string_view::npos) {
          return Status::ParseError(file_ + ":" + std::to_string(line_no) + ":" +
                                    std::to_string(colon + 2) + ": <text> of " + Excerpt(tag) +
                                    " is never closed by </text>");
        }
        value.assign(text_.substr(start, end - start));
        // Continue after </text>; anything else on that line is ignored (warned).
        std::size_t after = end + 7;
        std::string_view tail;
        std::size_t line_end = static_cast<std::size_t>(line.data() - text_.data()) + line.size();
        if (after <= line_end) {
          // Closed on the same line: NextLine() has already moved past it.
          tail = TrimWhitespace(text_.substr(after, line_end - after));
        } else {
          CountLines(pos_, after);
          pos_ = after;
          tail = TrimWhitespace(NextLine());
        }
        if (!tail.empty()) {
          Warn(line_, "spdx.tv.syntax", "text after </text> ignored: \"" + Excerpt(tail) + "\"");
        }
      } else {
        value.assign(vt);
      }
      Dispatch(tag, std::move(value), line_no);
    }
    return std::move(doc_);
  }

 private:
  // Returns the next line without its terminator and advances past it.
  std::string_view NextLine() {
    std::size_t start = pos_;
    std::size_t i = start;
    while (i < text_.size() && text_[i] != '\n' && text_[i] != '\r') ++i;
    std::string_view line = text_.substr(start, i - start);
    if (i < text_.size()) {
      if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
      ++i;
      ++line_;
    }
    pos_ = i;
    return line;
  }

  void CountLines(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (text_[i] == '\n') {
        ++line_;
      } else if (text_[i] == '\r' && !(i + 1 < to && text_[i + 1] == '\n')) {
        ++line_;
      }
    }
  }

  Loc At(std::size_t line) const {
    Loc l;
    l.line = line;
    return l;
  }
  void Error(std::size_t line, std::string rule, std::string msg) {
    Report(d_, Severity::kError, std::move(rule), std::move(msg), At(line));
  }
  void Warn(std::size_t line, std::string rule, std::string msg) {
    Report(d_, Severity::kWarning, std::move(rule), std::move(msg), At(line));
  }

  RawElement* Element() { return elem_ ? &doc_.elements.back() : nullptr; }

  // "SHA1: abc" -> checksum.
  RawChecksum ParseChecksum(std::string_view v, std::size_t line) {
    RawChecksum c;
    c.loc = At(line);
    auto colon = v.find(':');
    if (colon == std::string_view::npos) {
      Error(line, "spdx.checksum.syntax", "checksum \"" + Excerpt(v) + "\" must be \"ALGORITHM: hex\"");
      c.value = std::string(v);
      return c;
    }
    c.algorithm = std::string(TrimWhitespace(v.substr(0, colon)));
    c.value = std::string(TrimWhitespace(v.substr(colon + 1)));
    return c;
  }

  // Splits "a b c" into at most `n` whitespace-separated parts (the last keeps the remainder).
  static std::vector<std::string_view> Words(std::string_view v, std::size_t n) {
    std::vector<std::string_view> out;
    v = TrimWhitespace(v);
    while (!v.empty() && out.size() + 1 < n) {
      std::size_t sp = v.find_first_of(" \t");
      if (sp == std::string_view::npos) break;
      out.push_back(v.substr(0, sp));
      v = TrimWhitespace(v.substr(sp));
    }
    if (!v.empty()) out.push_back(v);
    return out;
  }

  void StartElement(bool is_file, std::string value, std::size_t line) {
    doc_.elements.emplace_back();
    RawElement& e = doc_.elements.back();
    e.is_file = is_file;
    e.loc = At(line);
    e.name = std::move(value);
    elem_ = true;
    section_ = Section::kElement;
  }

  void Dispatch(std::string_view tag, std::string value, std::size_t line) {
    // Tags that open a section.
    if (tag == "PackageName") return StartElement(false, std::move(value), line);
    if (tag == "FileName") return StartElement(true, std::move(value), line);
    if (tag == "SnippetSPDXID") {
      ++doc_.snippets;
      section_ = Section::kSnippet;
      return;
    }
    if (tag == "LicenseID") {
      doc_.extracted.emplace_back();
      doc_.extracted.back().id = std::move(value);
      doc_.extracted.back().loc = At(line);
      section_ = Section::kLicense;
      return;
    }
    if (tag == "Annotator") {
      ++doc_.annotations;
      section_ = Section::kAnnotation;
      return;
    }
    if (tag == "Reviewer") {
      ++doc_.annotations;
      section_ = Section::kReview;
      return;
    }
    if (tag == "Relationship") {
      auto w = Words(value, 3);
      RawRelationship r;
      r.loc = At(line);
      if (w.size() != 3) {
        Error(line, "spdx.relationship.syntax",
              "Relationship must be \"<from> <TYPE> <to>\", found \"" + Excerpt(value) + "\"");
      } else {
        r.from = std::string(w[0]);
        r.type = std::string(w[1]);
        r.to = std::string(w[2]);
      }
      doc_.relationships.push_back(std::move(r));
      last_relationship_ = true;
      return;
    }
    if (tag == "RelationshipComment") {
      if (!doc_.relationships.empty() && last_relationship_) {
        doc_.relationships.back().comment = std::move(value);
      } else {
        Error(line, "spdx.tv.context", "RelationshipComment without a Relationship before it");
      }
      return;
    }
    last_relationship_ = false;

    // Section-specific tags.
    if (section_ == Section::kSnippet && StartsWith(tag, "Snippet")) return;
    if (section_ == Section::kSnippet &&
        (tag == "LicenseConcluded" || tag == "LicenseInfoInSnippet" || tag == "LicenseComments")) {
      return;
    }
    if (section_ == Section::kLicense) {
      RawExtractedLicense& x = doc_.extracted.back();
      if (tag == "ExtractedText") return void(x.text = std::move(value));
      if (tag == "LicenseName") return void(x.name = std::move(value));
      if (tag == "LicenseCrossReference") return x.see_also.push_back(std::move(value));
      if (tag == "LicenseComment") return void(x.comment = std::move(value));
    }
    if (section_ == Section::kAnnotation &&
        (tag == "AnnotationDate" || tag == "AnnotationComment" || tag == "AnnotationType" ||
         tag == "SPDXREF")) {
      return;
    }
    if (section_ == Section::kReview && (tag == "ReviewDate" || tag == "ReviewComment")) return;

    // Document creation information can appear anywhere before the first element.
    if (tag == "SPDXVersion") return void(doc_.spdx_version = std::move(value));
    if (tag == "DataLicense") return void(doc_.data_license = std::move(value));
    if (tag == "DocumentNamespace") return void(doc_.document_namespace = std::move(value));
    if (tag == "DocumentName") return void(doc_.name = std::move(value));
    if (tag == "DocumentComment") return void(doc_.comment = std::move(value));
    if (tag == "LicenseListVersion") return void(doc_.license_list_version = std::move(value));
    if (tag == "Creator") {
      doc_.has_creation_info = true;
      doc_.creators.emplace_back(std::move(value), At(line));
      return;
    }
    if (tag == "Created") {
      doc_.has_creation_info = true;
      doc_.created = std::move(value);
      return;
    }
    if (tag == "CreatorComment") return void(doc_.creator_comment = std::move(value));
    if (tag == "ExternalDocumentRef") {
      auto w = Words(value, 3);
      RawExternalDocRef x;
      x.loc = At(line);
      if (w.size() != 3) {
        Error(line, "spdx.externalDocumentRef.syntax",
              "ExternalDocumentRef must be \"DocumentRef-x <uri> SHA1: <hex>\"");
      } else {
        x.id = std::string(w[0]);
        x.document = std::string(w[1]);
        x.checksum = ParseChecksum(w[2], line);
      }
      doc_.external_doc_refs.push_back(std::move(x));
      return;
    }
    if (tag == "SPDXID") {
      if (RawElement* e = Element(); e && section_ == Section::kElement) {
        if (!e->spdx_id.empty()) {
          Error(line, "spdx.tv.duplicateTag", "second SPDXID for " + e->spdx_id);
        }
        e->spdx_id = std::move(value);
      } else if (!elem_ && doc_.spdx_id.empty()) {
        doc_.spdx_id = std::move(value);
      } else if (!elem_) {
        Error(line, "spdx.tv.context",
              "second SPDXID " + Excerpt(value) +
                  " before any PackageName/FileName (an element section starts with its name tag)");
      } else {
        Error(line, "spdx.tv.context", "SPDXID outside a package or file section");
      }
      return;
    }

    RawElement* e = Element();
    if (!e) {
      Warn(line, "spdx.tv.tag.unknown",
           "tag \"" + Excerpt(tag) + "\" is not a document-level tag; ignored");
      return;
    }
    if (section_ != Section::kElement) section_ = Section::kElement;
    if (e->is_file) {
      FileTag(*e, tag, std::move(value), line);
    } else {
      PackageTag(*e, tag, std::move(value), line);
    }
  }

  bool ExtraTag(RawElement& e, std::string_view tag, std::string& value) {
    const ExtraField* f = FindExtraByTag(tag, e.is_file);
    if (!f) return false;
    e.extras.push_back({std::string(f->property), std::move(value)});
    return true;
  }

  void PackageTag(RawElement& e, std::string_view tag, std::string value, std::size_t line) {
    if (tag == "PackageVersion") e.version = std::move(value);
    else if (tag == "PackageFileName") e.package_file_name = std::move(value);
    else if (tag == "PackageSupplier") e.supplier = std::move(value);
    else if (tag == "PackageOriginator") e.originator = std::move(value);
    else if (tag == "PackageDownloadLocation") e.download_location = std::move(value);
    else if (tag == "FilesAnalyzed") e.files_analyzed = std::move(value);
    else if (tag == "PackageVerificationCode") {
      // "hex (excludes: a b)" or "hex (a b)".
      std::string_view v = value;
      auto open = v.find('(');
      std::string_view code = TrimWhitespace(v.substr(0, open));
      e.verification_code = std::string(code);
      if (open != std::string_view::npos) {
        std::string_view ex = v.substr(open + 1);
        if (!ex.empty() && ex.back() == ')') ex.remove_suffix(1);
        ex = TrimWhitespace(ex);
        if (StartsWith(ex, "excludes:")) ex = TrimWhitespace(ex.substr(9));
        e.verification_excluded = std::string(ex);
      }
    } else if (tag == "PackageChecksum") e.checksums.push_back(ParseChecksum(value, line));
    else if (tag == "PackageHomePage") e.homepage = std::move(value);
    else if (tag == "PackageSourceInfo") e.source_info = std::move(value);
    else if (tag == "PackageLicenseConcluded") e.license_concluded = std::move(value);
    else if (tag == "PackageLicenseDeclared") e.license_declared = std::move(value);
    else if (tag == "PackageLicenseInfoFromFiles") e.license_info.push_back(std::move(value));
    else if (tag == "PackageCopyrightText") e.copyright = std::move(value);
    else if (tag == "PackageDescription") e.description = std::move(value);
    else if (tag == "PackageComment") e.comment = std::move(value);
    else if (tag == "PrimaryPackagePurpose") e.primary_purpose = std::move(value);
    else if (tag == "ExternalRef") {
      auto w = Words(value, 3);
      RawExternalRef r;
      r.loc = At(line);
      if (w.size() != 3) {
        Error(line, "spdx.package.externalRef.syntax",
              "ExternalRef must be \"<CATEGORY> <type> <locator>\", found \"" + Excerpt(value) + "\"");
      } else {
        r.category = std::string(w[0]);
        r.type = std::string(w[1]);
        r.locator = std::string(w[2]);
      }
      e.external_refs.push_back(std::move(r));
    } else if (tag == "ExternalRefComment") {
      if (e.external_refs.empty()) {
        Error(line, "spdx.tv.context", "ExternalRefComment without an ExternalRef before it");
      } else {
        e.external_refs.back().comment = std::move(value);
      }
    } else if (!ExtraTag(e, tag, value)) {
      Warn(line, "spdx.tv.tag.unknown", "tag \"" + Excerpt(tag) + "\" is not a package tag; ignored");
    }
  }

  void FileTag(RawElement& e, std::string_view tag, std::string value, std::size_t line) {
    if (tag == "FileChecksum") e.checksums.push_back(ParseChecksum(value, line));
    else if (tag == "LicenseConcluded") e.license_concluded = std::move(value);
    else if (tag == "LicenseInfoInFile") e.license_info.push_back(std::move(value));
    else if (tag == "FileCopyrightText") e.copyright = std::move(value);
    else if (tag == "FileComment") e.comment = std::move(value);
    else if (tag == "FileDependency" || tag == "ArtifactOfProjectName" ||
             tag == "ArtifactOfProjectHomePage" || tag == "ArtifactOfProjectURI") {
      Report(d_, Severity::kInfo, "spdx.model.deprecatedField",
             std::string(tag) + " (deprecated since SPDX-2.1) is not kept", At(line));
    } else if (!ExtraTag(e, tag, value)) {
      Warn(line, "spdx.tv.tag.unknown", "tag \"" + Excerpt(tag) + "\" is not a file tag; ignored");
    }
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& d_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  RawDoc doc_;
  bool elem_ = false;
  bool last_relationship_ = false;
  Section section_ = Section::kDocument;
};

}  // namespace

Result<RawDoc> ReadTagValue(std::string_view bytes, const std::string& file, Diagnostics& diags) {
  if (auto bad = FindInvalidUtf8(bytes)) {
    LineColumn lc = LineColumnAt(bytes, *bad);
    return Status::ParseError(file + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                              ": invalid UTF-8");
  }
  TvReader reader(bytes, file, diags);
  SBOMHUB_ASSIGN_OR_RETURN(RawDoc doc, reader.Run());
  std::string_view number = VersionNumber(doc.spdx_version);
  if (doc.spdx_version.empty()) {
    return Status::InvalidDocument(file + ": no SPDXVersion tag; not an SPDX tag-value document");
  }
  if (!IsSupportedVersion(number) && number != "2.1") return UnsupportedVersion(doc.spdx_version, file);
  return doc;
}

}  // namespace sbomhub::formats::spdx::internal
