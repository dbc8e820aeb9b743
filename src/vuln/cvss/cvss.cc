#include "vuln/cvss/cvss.h"

#include <string>

#include "base/text.h"
#include "vuln/cvss/cvss_metrics.h"

namespace sbomhub::vuln {
namespace {

using cvss_internal::MetricDef;

// Index of `value` in the comma-separated list `values`, or -1.
int FindValue(std::string_view values, std::string_view value) {
  int index = 0;
  std::size_t start = 0;
  while (start <= values.size()) {
    std::size_t comma = values.find(',', start);
    if (comma == std::string_view::npos) comma = values.size();
    if (values.substr(start, comma - start) == value) return index;
    ++index;
    start = comma + 1;
  }
  return -1;
}

// The value list for messages: "N, A, L, P".
std::string ExpectedList(std::string_view values) {
  std::string out;
  for (char c : values) {
    if (c == ',') {
      out += ", ";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view NthValue(std::string_view values, int n) {
  std::size_t start = 0;
  for (int i = 0; i < n; ++i) start = values.find(',', start) + 1;
  std::size_t comma = values.find(',', start);
  return values.substr(start, comma == std::string_view::npos ? values.npos : comma - start);
}

std::string VectorLabel(CvssVersion version) {
  return "CVSS " + std::string(CvssVersionName(version)) + " vector";
}

}  // namespace

std::string_view CvssVersionName(CvssVersion version) {
  switch (version) {
    case CvssVersion::kV2_0:
      return "2.0";
    case CvssVersion::kV3_0:
      return "3.0";
    case CvssVersion::kV3_1:
      return "3.1";
    case CvssVersion::kV4_0:
      return "4.0";
  }
  return "?";
}

std::string_view CvssSeverityName(CvssSeverity severity) {
  switch (severity) {
    case CvssSeverity::kNone:
      return "None";
    case CvssSeverity::kLow:
      return "Low";
    case CvssSeverity::kMedium:
      return "Medium";
    case CvssSeverity::kHigh:
      return "High";
    case CvssSeverity::kCritical:
      return "Critical";
  }
  return "?";
}

CvssSeverity CvssSeverityFor(CvssVersion version, double score) {
  // Scores carry one decimal; compare against the midpoints so 3.9 vs 4.0 never depends on how
  // the double happens to round.
  if (version == CvssVersion::kV2_0) {
    if (score < 3.95) return CvssSeverity::kLow;
    if (score < 6.95) return CvssSeverity::kMedium;
    return CvssSeverity::kHigh;
  }
  if (score < 0.05) return CvssSeverity::kNone;
  if (score < 3.95) return CvssSeverity::kLow;
  if (score < 6.95) return CvssSeverity::kMedium;
  if (score < 8.95) return CvssSeverity::kHigh;
  return CvssSeverity::kCritical;
}

Result<CvssVector> CvssVector::Parse(std::string_view text) {
  std::string_view body = TrimWhitespace(text);
  if (body.empty()) return Status::ParseError("CVSS vector is empty");
  if (body.size() > 1024) return Status::ParseError("CVSS vector is longer than 1024 bytes");

  CvssVector v;
  if (StartsWith(body, "CVSS:")) {
    std::size_t slash = body.find('/');
    std::string_view version = body.substr(5, slash == body.npos ? body.npos : slash - 5);
    if (version == "2.0") {
      v.version_ = CvssVersion::kV2_0;
    } else if (version == "3.0") {
      v.version_ = CvssVersion::kV3_0;
    } else if (version == "3.1") {
      v.version_ = CvssVersion::kV3_1;
    } else if (version == "4.0") {
      v.version_ = CvssVersion::kV4_0;
    } else {
      return Status::Unsupported("CVSS version '" + Excerpt(version) +
                                 "' is not supported (expected 2.0, 3.0, 3.1 or 4.0)");
    }
    if (slash == body.npos) {
      return Status::ParseError(VectorLabel(v.version_) + " has no metrics after the prefix");
    }
    body.remove_prefix(slash + 1);
  } else {
    // Without a prefix only v2.0 is defined; NVD writes it bare, some feeds as "(AV:N/...)".
    v.version_ = CvssVersion::kV2_0;
    if (body.front() == '(') {
      if (body.back() != ')') return Status::ParseError("CVSS 2.0 vector: '(' without closing ')'");
      body = body.substr(1, body.size() - 2);
    }
  }

  const std::span<const MetricDef> defs = cvss_internal::MetricsFor(v.version_);
  v.values_.fill(-1);
  const std::string label = VectorLabel(v.version_);
  std::size_t start = 0;
  while (true) {
    std::size_t slash = body.find('/', start);
    std::string_view part = body.substr(start, slash == body.npos ? body.npos : slash - start);
    std::size_t colon = part.find(':');
    if (part.empty()) {
      return Status::ParseError(label + ": empty metric at offset " + std::to_string(start) +
                                " (doubled or trailing '/')");
    }
    if (colon == part.npos) {
      return Status::ParseError(label + ": '" + Excerpt(part) + "' is not METRIC:VALUE");
    }
    std::string_view name = part.substr(0, colon);
    std::string_view value = part.substr(colon + 1);
    std::size_t metric = 0;
    while (metric < defs.size() && defs[metric].name != name) ++metric;
    if (metric == defs.size()) {
      return Status::ParseError(label + ": unknown metric '" + Excerpt(name) + "'");
    }
    if (v.values_[metric] >= 0) {
      return Status::ParseError(label + ": metric '" + std::string(name) + "' appears twice");
    }
    int index = FindValue(defs[metric].values, value);
    if (index < 0) {
      return Status::ParseError(label + ": metric '" + std::string(name) + "' has unknown value '" +
                                Excerpt(value) + "' (expected " +
                                ExpectedList(defs[metric].values) + ")");
    }
    v.values_[metric] = static_cast<std::int8_t>(index);
    if (slash == body.npos) break;
    start = slash + 1;
  }

  std::string missing;
  for (std::size_t m = 0; m < defs.size(); ++m) {
    if (defs[m].mandatory && v.values_[m] < 0) {
      if (!missing.empty()) missing += ", ";
      missing += defs[m].name;
    }
  }
  if (!missing.empty()) {
    return Status::ParseError(label + ": mandatory metric(s) missing: " + missing);
  }
  return v;
}

std::string_view CvssVector::Value(std::string_view metric) const {
  const std::span<const MetricDef> defs = cvss_internal::MetricsFor(version_);
  for (std::size_t m = 0; m < defs.size(); ++m) {
    if (defs[m].name == metric) {
      return values_[m] < 0 ? std::string_view() : NthValue(defs[m].values, values_[m]);
    }
  }
  return {};
}

std::string CvssVector::ToString() const {
  std::string out;
  if (version_ != CvssVersion::kV2_0) {
    out = "CVSS:";
    out += CvssVersionName(version_);
  }
  const std::span<const MetricDef> defs = cvss_internal::MetricsFor(version_);
  for (std::size_t m = 0; m < defs.size(); ++m) {
    if (values_[m] < 0) continue;
    if (!out.empty()) out += '/';
    out += defs[m].name;
    out += ':';
    out += NthValue(defs[m].values, values_[m]);
  }
  return out;
}

CvssScores CvssVector::Score() const {
  switch (version_) {
    case CvssVersion::kV2_0:
      return cvss_internal::ScoreV2(*this);
    case CvssVersion::kV3_0:
    case CvssVersion::kV3_1:
      return cvss_internal::ScoreV3(*this);
    case CvssVersion::kV4_0:
      return cvss_internal::ScoreV4(*this);
  }
  return {};
}

Result<CvssScores> ScoreCvssVector(std::string_view text) {
  SBOMHUB_ASSIGN_OR_RETURN(CvssVector v, CvssVector::Parse(text));
  return v.Score();
}

}  // namespace sbomhub::vuln
