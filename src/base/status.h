// Errors are values at module boundaries: a closed set of codes plus a message a user can act on.
// `Status` says whether an operation worked; `Result<T>` carries a value or the Status that
// explains why there is none. Exceptions from third-party libraries are caught at the adapter and
// turned into one of these. The CLI maps codes to exit codes and the API to HTTP statuses in one
// place each (see ExitCodeFor / HttpStatusFor).
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sbomhub {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller asked for something malformed (bad flag, bad id)
  kParseError,        // input bytes are not well-formed for their format
  kInvalidDocument,   // well-formed but violates the spec (used when a caller wants one error)
  kUnsupported,       // recognised but not handled, e.g. "CycloneDX 1.7 is not supported yet"
  kNotFound,
  kAlreadyExists,
  kIoError,
  kTooLarge,          // an input exceeds a configured limit
  kPermissionDenied,  // authenticated but not allowed
  kUnauthenticated,
  kConflict,
  kUnavailable,       // a dependency (network, database) cannot be reached
  kInternal,          // a bug in sbomhub
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
  static Status InvalidDocument(std::string m) { return {StatusCode::kInvalidDocument, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse error: <message>"; "OK" when ok.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context` ("reading x.json: ...").
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds either a T or a non-OK Status. Accessing value() of an error is a programmer bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK Status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

// Process exit code for the CLI: 0 ok, 1 the input is bad, 2 usage or environment problem.
int ExitCodeFor(const Status& status);
// HTTP status for the REST API.
int HttpStatusFor(const Status& status);

}  // namespace sbomhub

#define SBOMHUB_CONCAT_INNER(a, b) a##b
#define SBOMHUB_CONCAT(a, b) SBOMHUB_CONCAT_INNER(a, b)

#define SBOMHUB_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::sbomhub::Status sbomhub_status_ = (expr); \
    if (!sbomhub_status_.ok()) return sbomhub_status_; \
  } while (0)

#define SBOMHUB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#define SBOMHUB_ASSIGN_OR_RETURN(lhs, expr) \
  SBOMHUB_ASSIGN_OR_RETURN_IMPL(SBOMHUB_CONCAT(sbomhub_result_, __LINE__), lhs, expr)
