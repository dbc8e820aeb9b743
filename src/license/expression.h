// SPDX license expressions (SPDX 2.3 Annex D, SPDX 3 "AdditionRef-"): parse into a small AST,
// print canonically, validate against the embedded SPDX License List, and map common free-text
// license names ("Apache License, Version 2.0", "GPLv2+") to SPDX ids.
//
// Grammar accepted (precedence WITH > AND > OR; AND and OR are associative, so chains of one
// operator are kept as one n-ary node):
//
//   or-expr     := and-expr { "OR" and-expr }
//   and-expr    := with-expr { "AND" with-expr }
//   with-expr   := "(" or-expr ")" | simple [ "WITH" addition ]
//   simple      := license-id [ "+" ] | [ "DocumentRef-" idstring ":" ] "LicenseRef-" idstring
//   addition    := exception-id | [ "DocumentRef-" idstring ":" ] "AdditionRef-" idstring
//   idstring    := 1*( ALPHA | DIGIT | "-" | "." )
//
// The whole expression may also be "NONE" or "NOASSERTION" (SPDX document values).
//
// Leniency, always reported as a warning, never silent: lower/mixed-case operators ("and"),
// whitespace between an id and "+". Ids keep the spelling of the input; Canonicalize() rewrites
// them to the list's spelling. Parse errors name the offending token and its byte offset.
//
// Limits: parenthesis nesting deeper than kMaxExpressionDepth and expressions longer than
// kMaxExpressionBytes are rejected, so parsing and printing are linear and cannot exhaust the
// stack on hostile input.
//
// Thread-safety: all functions are pure; the free-text name index is built once, thread-safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"

namespace sbomhub::license {

inline constexpr std::size_t kMaxExpressionDepth = 64;
inline constexpr std::size_t kMaxExpressionBytes = 64 * 1024;

// A finding in an expression: which token, where (byte offset into the parsed text), how bad.
struct ExpressionIssue {
  Severity severity = Severity::kError;
  std::string rule;  // "license.unknown-id", "license.operator-case", ...
  std::string token;
  std::size_t offset = 0;
  std::string message;
};

struct ExpressionNode {
  enum class Kind {
    kLicense,      // a license id (on the list or not; see ValidateExpression)
    kLicenseRef,   // [DocumentRef-x:]LicenseRef-y
    kNone,         // NONE
    kNoAssertion,  // NOASSERTION
    kAnd,
    kOr,
  };
  Kind kind = Kind::kLicense;

  // Leaves (kLicense, kLicenseRef): the id as written ("LicenseRef-foo" includes the prefix);
  // document_ref is the "DocumentRef-x" part without the colon, empty when absent.
  std::string id;
  std::string document_ref;
  bool or_later = false;  // "+"
  // WITH: the exception id or "AdditionRef-..." (with its own optional DocumentRef).
  std::string exception;
  std::string exception_document_ref;

  std::vector<ExpressionNode> children;  // kAnd / kOr: two or more operands
  std::size_t offset = 0;                // byte offset of the leaf's id / the first operand
  std::size_t exception_offset = 0;

  bool operator==(const ExpressionNode& o) const {
    // Offsets are positions in one particular text, not part of the meaning.
    return kind == o.kind && id == o.id && document_ref == o.document_ref && or_later == o.or_later &&
           exception == o.exception && exception_document_ref == o.exception_document_ref &&
           children == o.children;
  }
  bool is_leaf() const { return kind != Kind::kAnd && kind != Kind::kOr; }
};

struct Expression {
  ExpressionNode root;
  std::vector<ExpressionIssue> warnings;  // leniencies used while parsing
};

// Parses `text`. kParseError on malformed input; the message names the token and offset
// ("unexpected ')' at offset 7").
Result<Expression> ParseExpression(std::string_view text);

// Canonical text: ids as stored, single spaces, upper-case operators, parentheses only where
// precedence needs them. ParseExpression(ToString(e)) yields a tree equal to e.
std::string ToString(const ExpressionNode& node);

// Checks every leaf against the SPDX License List: unknown license ids (error), deprecated ids
// (warning, naming the replacement where one is known), an exception used as a license and a
// license used as an exception (error), unknown exceptions (error), NONE/NOASSERTION inside a
// compound expression (error). Offsets refer to the text that was parsed.
std::vector<ExpressionIssue> ValidateExpression(const ExpressionNode& node);

// The distinct license ids of the leaves, in order of first appearance: list ids as written with
// "+" kept ("GPL-2.0+"), LicenseRefs with their DocumentRef ("DocumentRef-a:LicenseRef-b"),
// NONE/NOASSERTION as such. Exceptions are not included.
std::vector<std::string> LicenseIds(const ExpressionNode& node);
std::vector<std::string> LicenseIds(const Expression& expression);

// Rewrites listed ids and exceptions to the list's spelling ("mit" -> "MIT") and operators to
// canonical form. Returns true when anything changed.
bool Canonicalize(ExpressionNode& node);

// The result of mapping a declared license (id, expression or free-text name) to SPDX.
struct NormalizedLicense {
  enum class Method {
    kExact,         // already a valid SPDX expression in canonical spelling
    kCanonicalCase, // valid once ids/operators were re-spelled ("mit and apache-2.0")
    kDeprecatedId,  // a deprecated id replaced by its successor ("GPL-2.0+" -> GPL-2.0-or-later)
    kLicenseName,   // matched the full name of a listed license
    kAlias,         // matched sbomhub's alias table ("GPLv2+", "ASL 2.0", "BSD")
    kUnmatched,     // no SPDX equivalent found; `expression` is empty
  };
  std::string expression;       // canonical SPDX expression; empty when kUnmatched
  std::string normalized_from;  // the input text whenever `expression` differs from it
  Method method = Method::kUnmatched;
  bool ambiguous = false;  // the name fits several licenses; `note` says which was chosen
  std::string note;
};
std::string_view NormalizationMethodName(NormalizedLicense::Method m);  // "exact", "alias", ...

// Maps `text` to an SPDX expression. Never guesses silently: every change is recorded in
// normalized_from/method/note. Linear in the length of `text`.
NormalizedLicense NormalizeLicense(std::string_view text);

// The successor of a deprecated list id ("GPL-2.0+" -> "GPL-2.0-or-later",
// "GPL-2.0-with-classpath-exception" -> "GPL-2.0-only WITH Classpath-exception-2.0"); empty
// when none is known.
std::string DeprecatedReplacement(std::string_view id);

}  // namespace sbomhub::license
