#include "license/expression.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

#include "base/text.h"
#include "license/spdx_license_list.h"

namespace sbomhub::license {
namespace {

// ---------------------------------------------------------------------------------------------
// Tokens

struct Token {
  enum class Type { kWord, kOpen, kClose, kPlus, kEnd };
  Type type = Type::kEnd;
  std::string_view text;
  std::size_t offset = 0;
  bool space_before = false;
};

bool IsIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

bool IsWordChar(char c) { return IsIdChar(c) || c == ':'; }

bool IsIdString(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

std::string Quote(std::string_view token) { return "'" + Excerpt(token, 40) + "'"; }

Status ErrorAt(std::string_view what, std::string_view token, std::size_t offset) {
  std::string m(what);
  if (!token.empty()) m += " " + Quote(token);
  m += " at offset " + std::to_string(offset);
  return Status::ParseError("license expression: " + m);
}

Result<std::vector<Token>> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  bool space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.offset = i;
    t.space_before = space;
    space = false;
    if (c == '(') {
      t.type = Token::Type::kOpen;
      t.text = text.substr(i, 1);
      ++i;
    } else if (c == ')') {
      t.type = Token::Type::kClose;
      t.text = text.substr(i, 1);
      ++i;
    } else if (c == '+') {
      t.type = Token::Type::kPlus;
      t.text = text.substr(i, 1);
      ++i;
    } else if (IsWordChar(c)) {
      std::size_t j = i;
      while (j < text.size() && IsWordChar(text[j])) ++j;
      t.type = Token::Type::kWord;
      t.text = text.substr(i, j - i);
      i = j;
    } else {
      return ErrorAt("unexpected character", text.substr(i, 1), i);
    }
    tokens.push_back(t);
  }
  Token end;
  end.offset = text.size();
  end.space_before = space;
  tokens.push_back(end);
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

constexpr std::string_view kLicenseRefPrefix = "LicenseRef-";
constexpr std::string_view kAdditionRefPrefix = "AdditionRef-";
constexpr std::string_view kDocumentRefPrefix = "DocumentRef-";

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<ExpressionIssue>& warnings)
      : tokens_(std::move(tokens)), warnings_(warnings) {}

  Result<ExpressionNode> ParseAll() {
    if (Peek().type == Token::Type::kEnd) return Status::ParseError("license expression: empty");
    SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode root, ParseOr(0));
    const Token& t = Peek();
    if (t.type != Token::Type::kEnd) {
      if (t.type == Token::Type::kClose) return ErrorAt("unbalanced", t.text, t.offset);
      return ErrorAt("expected AND, OR or WITH before", t.text, t.offset);
    }
    return root;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_++]; }

  // True when the next token is the operator `op` in any case; a case other than the spec's
  // upper case is accepted with a warning.
  bool AcceptOperator(std::string_view op) {
    const Token& t = Peek();
    if (t.type != Token::Type::kWord || !EqualsIgnoreCase(t.text, op)) return false;
    if (t.text != op) {
      warnings_.push_back({Severity::kWarning, "license.operator-case", std::string(t.text), t.offset,
                           "operator " + Quote(t.text) + " should be upper case: " + std::string(op)});
    }
    ++pos_;
    return true;
  }

  static bool IsOperatorWord(std::string_view w) {
    return EqualsIgnoreCase(w, "AND") || EqualsIgnoreCase(w, "OR") || EqualsIgnoreCase(w, "WITH");
  }

  Result<ExpressionNode> ParseOr(std::size_t depth) {
    SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode first, ParseAnd(depth));
    if (!(Peek().type == Token::Type::kWord && EqualsIgnoreCase(Peek().text, "OR"))) return first;
    ExpressionNode node;
    node.kind = ExpressionNode::Kind::kOr;
    node.offset = first.offset;
    Append(node, std::move(first));
    while (AcceptOperator("OR")) {
      SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode next, ParseAnd(depth));
      Append(node, std::move(next));
    }
    return node;
  }

  Result<ExpressionNode> ParseAnd(std::size_t depth) {
    SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode first, ParseWith(depth));
    if (!(Peek().type == Token::Type::kWord && EqualsIgnoreCase(Peek().text, "AND"))) return first;
    ExpressionNode node;
    node.kind = ExpressionNode::Kind::kAnd;
    node.offset = first.offset;
    Append(node, std::move(first));
    while (AcceptOperator("AND")) {
      SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode next, ParseWith(depth));
      Append(node, std::move(next));
    }
    return node;
  }

  // AND and OR are associative: "(a AND b) AND c" is the one node AND[a, b, c], which is what
  // makes print -> parse an identity.
  static void Append(ExpressionNode& parent, ExpressionNode child) {
    if (child.kind == parent.kind) {
      for (auto& grandchild : child.children) parent.children.push_back(std::move(grandchild));
    } else {
      parent.children.push_back(std::move(child));
    }
  }

  Result<ExpressionNode> ParseWith(std::size_t depth) {
    const Token& t = Peek();
    if (t.type == Token::Type::kOpen) {
      if (depth + 1 > kMaxExpressionDepth) {
        return ErrorAt("parentheses nested deeper than " + std::to_string(kMaxExpressionDepth), t.text,
                       t.offset);
      }
      ++pos_;
      SBOMHUB_ASSIGN_OR_RETURN(ExpressionNode inner, ParseOr(depth + 1));
      const Token& close = Peek();
      if (close.type != Token::Type::kClose) {
        if (close.type == Token::Type::kEnd) return ErrorAt("missing ')' for '(' opened", "", t.offset);
        return ErrorAt("expected ')' or an operator, found", close.text, close.offset);
      }
      ++pos_;
      if (Peek().type == Token::Type::kWord && EqualsIgnoreCase(Peek().text, "WITH")) {
        return ErrorAt("WITH must follow a single license, not a parenthesized expression", Peek().text,
                       Peek().offset);
      }
      if (Peek().type == Token::Type::kPlus) {
        return ErrorAt("'+' must follow a license id, found it after", ")", Peek().offset);
      }
      return inner;
    }
    if (t.type != Token::Type::kWord) {
      if (t.type == Token::Type::kEnd) return ErrorAt("expected a license id at end of input", "", t.offset);
      return ErrorAt("expected a license id, found", t.text, t.offset);
    }
    if (IsOperatorWord(t.text)) return ErrorAt("expected a license id, found operator", t.text, t.offset);
    ++pos_;
    ExpressionNode leaf;
    leaf.offset = t.offset;
    SBOMHUB_RETURN_IF_ERROR(ParseSimple(t, leaf));

    if (Peek().type == Token::Type::kPlus) {
      const Token& plus = Next();
      if (leaf.kind != ExpressionNode::Kind::kLicense) {
        return ErrorAt("'+' applies only to a listed license id, not", t.text, plus.offset);
      }
      if (plus.space_before) {
        warnings_.push_back({Severity::kWarning, "license.plus-spacing", "+", plus.offset,
                             "'+' should follow the license id without a space"});
      }
      leaf.or_later = true;
      if (Peek().type == Token::Type::kPlus) return ErrorAt("repeated", "+", Peek().offset);
    }
    if (Peek().type == Token::Type::kWord && EqualsIgnoreCase(Peek().text, "WITH")) {
      const std::size_t with_offset = Peek().offset;
      if (leaf.kind == ExpressionNode::Kind::kNone || leaf.kind == ExpressionNode::Kind::kNoAssertion) {
        return ErrorAt("WITH cannot follow", t.text, with_offset);
      }
      (void)AcceptOperator("WITH");
      const Token& add = Peek();
      if (add.type != Token::Type::kWord || IsOperatorWord(add.text)) {
        if (add.type == Token::Type::kEnd) return ErrorAt("expected an exception id after WITH", "", add.offset);
        return ErrorAt("expected an exception id after WITH, found", add.text, add.offset);
      }
      ++pos_;
      SBOMHUB_RETURN_IF_ERROR(ParseAddition(add, leaf));
      if (Peek().type == Token::Type::kPlus) return ErrorAt("'+' cannot follow an exception", "+", Peek().offset);
    }
    return leaf;
  }

  // Splits "DocumentRef-x:rest"; `rest` and `doc` are set. Returns false when there is a colon
  // but not in that shape.
  static bool SplitDocumentRef(std::string_view word, std::string_view& doc, std::string_view& rest) {
    const std::size_t colon = word.find(':');
    if (colon == std::string_view::npos) {
      doc = {};
      rest = word;
      return true;
    }
    doc = word.substr(0, colon);
    rest = word.substr(colon + 1);
    return StartsWithIgnoreCase(doc, kDocumentRefPrefix) && IsIdString(doc.substr(kDocumentRefPrefix.size())) &&
           rest.find(':') == std::string_view::npos;
  }

  static Status ParseSimple(const Token& t, ExpressionNode& leaf) {
    std::string_view doc, rest;
    if (!SplitDocumentRef(t.text, doc, rest)) {
      return ErrorAt("malformed reference (expected DocumentRef-x:LicenseRef-y)", t.text, t.offset);
    }
    if (StartsWithIgnoreCase(rest, kLicenseRefPrefix)) {
      if (!IsIdString(rest.substr(kLicenseRefPrefix.size()))) {
        return ErrorAt("LicenseRef- needs an id of letters, digits, '-' or '.'", t.text, t.offset);
      }
      leaf.kind = ExpressionNode::Kind::kLicenseRef;
      leaf.id = std::string(rest);
      leaf.document_ref = std::string(doc);
      return Status::Ok();
    }
    if (!doc.empty()) return ErrorAt("DocumentRef- must be followed by :LicenseRef-", t.text, t.offset);
    if (StartsWithIgnoreCase(rest, kAdditionRefPrefix)) {
      return ErrorAt("an AdditionRef- is an exception and can only follow WITH:", t.text, t.offset);
    }
    if (!IsIdString(rest)) return ErrorAt("invalid license id", t.text, t.offset);
    if (EqualsIgnoreCase(rest, "NONE")) {
      leaf.kind = ExpressionNode::Kind::kNone;
    } else if (EqualsIgnoreCase(rest, "NOASSERTION")) {
      leaf.kind = ExpressionNode::Kind::kNoAssertion;
    } else {
      leaf.kind = ExpressionNode::Kind::kLicense;
    }
    leaf.id = std::string(rest);
    return Status::Ok();
  }

  static Status ParseAddition(const Token& t, ExpressionNode& leaf) {
    std::string_view doc, rest;
    leaf.exception_offset = t.offset;
    if (!SplitDocumentRef(t.text, doc, rest)) {
      return ErrorAt("malformed reference (expected DocumentRef-x:AdditionRef-y)", t.text, t.offset);
    }
    if (StartsWithIgnoreCase(rest, kAdditionRefPrefix)) {
      if (!IsIdString(rest.substr(kAdditionRefPrefix.size()))) {
        return ErrorAt("AdditionRef- needs an id of letters, digits, '-' or '.'", t.text, t.offset);
      }
    } else if (!doc.empty()) {
      return ErrorAt("DocumentRef- after WITH must be followed by :AdditionRef-", t.text, t.offset);
    } else if (!IsIdString(rest)) {
      return ErrorAt("invalid exception id", t.text, t.offset);
    }
    leaf.exception = std::string(rest);
    leaf.exception_document_ref = std::string(doc);
    return Status::Ok();
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::vector<ExpressionIssue>& warnings_;
};

// ---------------------------------------------------------------------------------------------
// Printing

void AppendLeaf(const ExpressionNode& n, std::string& out) {
  if (!n.document_ref.empty()) out += n.document_ref + ":";
  out += n.id;
  if (n.or_later) out += '+';
  if (!n.exception.empty()) {
    out += " WITH ";
    if (!n.exception_document_ref.empty()) out += n.exception_document_ref + ":";
    out += n.exception;
  }
}

// Recursion depth is bounded by the tree depth, which parsing bounds by kMaxExpressionDepth.
void AppendNode(const ExpressionNode& n, std::string& out) {
  if (n.is_leaf()) {
    AppendLeaf(n, out);
    return;
  }
  const bool is_and = n.kind == ExpressionNode::Kind::kAnd;
  bool first = true;
  for (const ExpressionNode& c : n.children) {
    if (!first) out += is_and ? " AND " : " OR ";
    first = false;
    // OR inside AND needs parentheses (AND binds tighter); a child of the same operator does
    // too, to keep a hand-built nested tree distinguishable from the flattened one.
    const bool paren = !c.is_leaf() && (is_and || c.kind == n.kind);
    if (paren) out += '(';
    AppendNode(c, out);
    if (paren) out += ')';
  }
}

// ---------------------------------------------------------------------------------------------
// Deprecated ids

struct Replacement {
  std::string_view deprecated;
  std::string_view replacement;
};

// Successors named by the SPDX License List's deprecation notes. The plain GNU ids
// (GPL-2.0, LGPL-2.1+, ...) are handled by rule in DeprecatedReplacement.
constexpr Replacement kReplacements[] = {
    {"BSD-2-Clause-FreeBSD", "BSD-2-Clause"},
    {"BSD-2-Clause-NetBSD", "BSD-2-Clause"},
    {"bzip2-1.0.5", "bzip2-1.0.6"},
    {"eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0"},
    {"GPL-2.0-with-autoconf-exception", "GPL-2.0-only WITH Autoconf-exception-2.0"},
    {"GPL-2.0-with-bison-exception", "GPL-2.0-or-later WITH Bison-exception-2.2"},
    {"GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"},
    {"GPL-2.0-with-font-exception", "GPL-2.0-only WITH Font-exception-2.0"},
    {"GPL-2.0-with-GCC-exception", "GPL-2.0-only WITH GCC-exception-2.0"},
    {"GPL-3.0-with-autoconf-exception", "GPL-3.0-only WITH Autoconf-exception-3.0"},
    {"GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1"},
    {"Nokia-Qt-exception-1.1", "Qt-LGPL-exception-1.1"},
    {"Nunit", "zlib-acknowledgement"},
    {"StandardML-NJ", "SMLNJ"},
    {"wxWindows", "LGPL-2.0-or-later WITH WxWindows-exception-3.1"},
};

bool IsGnuFamily(std::string_view id) {
  return StartsWith(id, "GPL-") || StartsWith(id, "LGPL-") || StartsWith(id, "AGPL-") || StartsWith(id, "GFDL-");
}

// ---------------------------------------------------------------------------------------------
// Free-text names

// Reduces a license name to a comparison key so spelling variants meet: "The Apache Software
// License, Version 2.0", "Apache License 2.0" and "Apache-2.0" all become "apache 2.0";
// "GPLv2+" and "GNU General Public License v2.0 or later" become "gpl 2.0 orlater".
// Linear in the input.
std::string NameKey(std::string_view text) {
  std::string s = " ";
  s.reserve(text.size() + 16);
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '+') {
      s += " orlater ";
    } else if (std::isalnum(u) != 0 || c == '.') {
      s += static_cast<char>(std::tolower(u));
    } else {
      s += ' ';
    }
  }
  s += ' ';
  // Split words, separate a leading alphabetic part from a version ("gplv2" -> "gpl" "2").
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) {
      std::string w = s.substr(i, j - i);
      std::size_t k = 0;
      while (k < w.size() && std::isalpha(static_cast<unsigned char>(w[k])) != 0) ++k;
      if (k > 0 && k < w.size() && std::isdigit(static_cast<unsigned char>(w[k])) != 0) {
        std::string alpha = w.substr(0, k);
        if (alpha.size() > 1 && alpha.back() == 'v') alpha.pop_back();  // "gplv2"
        if (alpha != "v") words.push_back(alpha);
        words.push_back(w.substr(k));
      } else {
        words.push_back(w);
      }
    }
    i = j;
  }
  // Phrases to single words, then fillers out, versions to "N.M".
  std::string joined = " ";
  for (auto& w : words) {
    while (!w.empty() && w.back() == '.') w.pop_back();
    while (!w.empty() && w.front() == '.') w.erase(0, 1);
    if (w.empty()) continue;
    bool numeric = true;
    for (char c : w) numeric = numeric && (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.');
    if (numeric && w.find('.') == std::string::npos) w += ".0";
    joined += w + " ";
  }
  static constexpr std::pair<std::string_view, std::string_view> kPhrases[] = {
      {" or any later ", " orlater "},   {" or later ", " orlater "},       {" or newer ", " orlater "},
      {" and later ", " orlater "},      {" lesser general public ", " lgpl "},
      {" library general public ", " lgpl "}, {" affero general public ", " agpl "},
      {" general public ", " gpl "},     {" mozilla public ", " mpl "},    {" eclipse public ", " epl "},
  };
  for (const auto& [from, to] : kPhrases) {
    std::size_t p = 0;
    std::string out;
    while (true) {
      const std::size_t q = joined.find(from, p);
      if (q == std::string::npos) break;
      out.append(joined, p, q - p);
      out += to;
      p = q + from.size();
    }
    if (!out.empty()) {
      out.append(joined, p, std::string::npos);
      joined = std::move(out);
    }
  }
  static constexpr std::string_view kFillers[] = {"the", "version", "v", "license", "licence", "licenses",
                                                  "licensed", "software", "gnu", "only", "any", "under"};
  std::string key;
  std::vector<std::string_view> seen;  // names are short; the dedup set stays tiny
  std::size_t p = 0;
  while (p < joined.size()) {
    while (p < joined.size() && joined[p] == ' ') ++p;
    std::size_t q = p;
    while (q < joined.size() && joined[q] != ' ') ++q;
    if (q > p) {
      std::string_view w(joined.data() + p, q - p);
      bool skip = false;
      for (std::string_view f : kFillers) skip = skip || w == f;
      if (seen.size() < 32) {
        for (std::string_view x : seen) skip = skip || w == x;
      }
      if (!skip) {
        seen.push_back(w);
        if (!key.empty()) key += ' ';
        key += w;
      }
    }
    p = q;
  }
  return key;
}

struct NameTarget {
  std::string expression;
  NormalizedLicense::Method method = NormalizedLicense::Method::kLicenseName;
  int priority = 0;  // higher wins; equal priority with a different target makes the key ambiguous
  bool ambiguous = false;
  std::string note;
  bool conflicted = false;
};

struct Alias {
  std::string_view text;
  std::string_view expression;
  std::string_view note;  // non-empty = ambiguous name, the note says what was assumed
};

constexpr Alias kAliases[] = {
    {"ASL 2.0", "Apache-2.0", ""},
    {"ASL 2", "Apache-2.0", ""},
    {"Apache Software License 2.0", "Apache-2.0", ""},
    {"Apache", "Apache-2.0", "no version given; assumed Apache-2.0"},
    {"Apache Software License", "Apache-2.0", "no version given; assumed Apache-2.0"},
    {"Expat", "MIT", ""},
    {"MIT/X11", "MIT", ""},
    {"MIT style", "MIT", "\"MIT style\" is not a license; assumed the MIT text"},
    {"BSD", "BSD-3-Clause", "BSD without a clause count; assumed BSD-3-Clause"},
    {"BSD style", "BSD-3-Clause", "BSD without a clause count; assumed BSD-3-Clause"},
    {"New BSD", "BSD-3-Clause", ""},
    {"BSD New", "BSD-3-Clause", ""},
    {"Modified BSD", "BSD-3-Clause", ""},
    {"Revised BSD", "BSD-3-Clause", ""},
    {"3-clause BSD", "BSD-3-Clause", ""},
    {"BSD 3-clause", "BSD-3-Clause", ""},
    {"EDL 1.0", "BSD-3-Clause", ""},
    {"Eclipse Distribution License 1.0", "BSD-3-Clause", ""},
    {"Simplified BSD", "BSD-2-Clause", ""},
    {"2-clause BSD", "BSD-2-Clause", ""},
    {"BSD 2-clause", "BSD-2-Clause", ""},
    {"FreeBSD", "BSD-2-Clause", ""},
    // The GPL texts say that without a version number any version may be chosen.
    {"GPL", "GPL-1.0-or-later", "no version given; the GPL then allows any version"},
    {"LGPL", "LGPL-2.0-or-later", "no version given; the LGPL then allows any version"},
    {"AGPL", "AGPL-3.0-or-later", "no version given; assumed AGPL-3.0-or-later"},
    {"GPL with classpath exception", "GPL-2.0-only WITH Classpath-exception-2.0", ""},
    {"GPL2 with classpath exception", "GPL-2.0-only WITH Classpath-exception-2.0", ""},
    {"CDDL", "CDDL-1.0", "no version given; assumed CDDL-1.0"},
    {"CDDL + GPLv2 with classpath exception", "CDDL-1.0 OR GPL-2.0-only WITH Classpath-exception-2.0", ""},
    {"EPL", "EPL-1.0", "no version given; assumed EPL-1.0"},
    {"MPL", "MPL-2.0", "no version given; assumed MPL-2.0"},
    {"CC0", "CC0-1.0", ""},
    {"Public Domain CC0", "CC0-1.0", ""},
    {"PSF", "PSF-2.0", ""},
    {"PSFL", "PSF-2.0", ""},
    {"Python Software Foundation", "PSF-2.0", ""},
    {"Boost", "BSL-1.0", ""},
    {"zlib/libpng", "Zlib", ""},
    {"WTFPL", "WTFPL", ""},
    {"Unlicense", "Unlicense", ""},
    {"Ruby", "Ruby", ""},
    {"Artistic", "Artistic-1.0-Perl", "no version given; assumed the Perl Artistic License 1.0"},
    {"Perl", "Artistic-1.0-Perl OR GPL-1.0-or-later", "\"Perl\" read as Perl's dual license"},
};

class NameIndex {
 public:
  static const NameIndex& Get() {
    static const NameIndex index;  // thread-safe initialisation (C++11 magic statics)
    return index;
  }

  const NameTarget* Find(std::string_view text) const {
    auto it = map_.find(NameKey(text));
    if (it == map_.end() || it->second.conflicted) return nullptr;
    return &it->second;
  }

 private:
  NameIndex() {
    for (const LicenseInfo& l : AllLicenses()) {
      std::string target(l.id);
      if (l.deprecated) {
        target = DeprecatedReplacement(l.id);
        if (target.empty()) continue;
      }
      // Ids outrank names (a name may collide with another license's id); current ids outrank
      // deprecated ones (GPL-2.0 and GPL-2.0-only share a name).
      const int bonus = l.deprecated ? 0 : 1;
      Insert(NameKey(l.id), target, NormalizedLicense::Method::kLicenseName, 20 + bonus, "");
      Insert(NameKey(l.name), target, NormalizedLicense::Method::kLicenseName, 10 + bonus, "");
    }
    for (const Alias& a : kAliases) {
      Insert(NameKey(a.text), std::string(a.expression), NormalizedLicense::Method::kAlias, 100, std::string(a.note));
    }
  }

  void Insert(const std::string& key, std::string expression, NormalizedLicense::Method method, int priority,
              std::string note) {
    if (key.empty()) return;
    auto [it, inserted] = map_.try_emplace(key);
    NameTarget& t = it->second;
    if (!inserted) {
      if (t.expression == expression && !t.conflicted) {
        // An alias that agrees with the list keeps the list's attribution ("license-name").
        t.priority = std::max(t.priority, priority);
        return;
      }
      if (priority < t.priority) return;
      if (priority == t.priority) {
        if (t.expression != expression) t.conflicted = true;
        return;
      }
    }
    t.expression = std::move(expression);
    t.method = method;
    t.priority = priority;
    t.ambiguous = !note.empty();
    t.note = std::move(note);
    t.conflicted = false;
  }

  std::unordered_map<std::string, NameTarget> map_;
};

// Replaces deprecated leaves whose successor is known; returns true when any was replaced.
bool ReplaceDeprecated(ExpressionNode& node) {
  if (!node.is_leaf()) {
    bool changed = false;
    for (auto& c : node.children) changed = ReplaceDeprecated(c) || changed;
    return changed;
  }
  if (node.kind != ExpressionNode::Kind::kLicense) return false;
  const LicenseInfo* info = FindLicense(node.id);
  if (info == nullptr || !info->deprecated) return false;
  const std::string key = std::string(info->id) + (node.or_later ? "+" : "");
  const std::string replacement = DeprecatedReplacement(key);
  if (replacement.empty()) return false;
  auto parsed = ParseExpression(replacement);
  if (!parsed.ok()) return false;
  ExpressionNode repl = std::move(parsed->root);
  if (!node.exception.empty()) {
    if (!repl.is_leaf() || !repl.exception.empty()) return false;  // would need two exceptions
    repl.exception = node.exception;
    repl.exception_document_ref = node.exception_document_ref;
  }
  repl.offset = node.offset;
  node = std::move(repl);
  return true;
}

// Splits `text` at every case-insensitive occurrence of the separators; empty when none occurs.
std::vector<std::string_view> SplitAny(std::string_view text, std::initializer_list<std::string_view> separators) {
  std::vector<std::string_view> parts;
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    std::size_t matched = 0;
    for (std::string_view sep : separators) {
      if (text.size() - i >= sep.size() && EqualsIgnoreCase(text.substr(i, sep.size()), sep)) {
        matched = sep.size();
        break;
      }
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    parts.push_back(text.substr(start, i - start));
    i += matched;
    start = i;
  }
  if (parts.empty()) return parts;
  parts.push_back(text.substr(start));
  return parts;
}

// One side of a combination: a valid expression, or a name/alias from the index.
std::optional<NormalizedLicense> NormalizePart(std::string_view part) {
  part = TrimWhitespace(part);
  while (!part.empty() && (part.front() == '(' || part.front() == ',')) part = TrimWhitespace(part.substr(1));
  while (!part.empty() && (part.back() == ')' || part.back() == ',')) part = TrimWhitespace(part.substr(0, part.size() - 1));
  if (part.empty()) return std::nullopt;
  NormalizedLicense n;
  if (auto parsed = ParseExpression(part); parsed.ok() && parsed->root.is_leaf()) {
    bool error = false;
    for (const auto& issue : ValidateExpression(parsed->root)) error = error || issue.severity == Severity::kError;
    if (!error) {
      ExpressionNode leaf = std::move(parsed->root);
      ReplaceDeprecated(leaf);
      Canonicalize(leaf);
      n.expression = ToString(leaf);
      n.method = NormalizedLicense::Method::kCanonicalCase;
      return n;
    }
  }
  if (const NameTarget* t = NameIndex::Get().Find(part)) {
    n.expression = t->expression;
    n.method = t->method;
    n.ambiguous = t->ambiguous;
    n.note = t->note;
    return n;
  }
  return std::nullopt;
}

// Free text naming several licenses: split at "or" / "/" (alternatives) and, inside each, at
// "and" / "&" (all apply). Every side must map, otherwise nothing is returned.
std::optional<NormalizedLicense> NormalizeCombination(std::string_view text) {
  std::vector<std::string_view> alternatives = SplitAny(text, {" or ", "/", " | "});
  if (alternatives.empty()) alternatives.push_back(text);
  std::string expression;
  NormalizedLicense out;
  out.method = NormalizedLicense::Method::kLicenseName;
  std::vector<std::string> notes;
  bool split = alternatives.size() > 1;
  for (std::size_t a = 0; a < alternatives.size(); ++a) {
    std::vector<std::string_view> terms = SplitAny(alternatives[a], {" and ", " & "});
    if (terms.empty()) terms.push_back(alternatives[a]);
    split = split || terms.size() > 1;
    std::string conj;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      auto n = NormalizePart(terms[t]);
      if (!n) return std::nullopt;
      if (n->method == NormalizedLicense::Method::kAlias) out.method = NormalizedLicense::Method::kAlias;
      out.ambiguous = out.ambiguous || n->ambiguous;
      if (!n->note.empty()) notes.push_back(n->note);
      auto parsed = ParseExpression(n->expression);
      const bool is_or = parsed.ok() && parsed->root.kind == ExpressionNode::Kind::kOr;
      if (t > 0) conj += " AND ";
      conj += (is_or && terms.size() > 1) ? "(" + n->expression + ")" : n->expression;
    }
    if (a > 0) expression += " OR ";
    expression += conj;
  }
  if (!split) return std::nullopt;
  auto parsed = ParseExpression(expression);
  if (!parsed.ok()) return std::nullopt;
  out.expression = ToString(parsed->root);
  out.note = "split into " + std::to_string(alternatives.size()) + " alternative(s)";
  for (const auto& n : notes) out.note += "; " + n;
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<Expression> ParseExpression(std::string_view text) {
  if (text.size() > kMaxExpressionBytes) {
    return Status::TooLarge("license expression: longer than " + std::to_string(kMaxExpressionBytes) + " bytes");
  }
  SBOMHUB_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  Expression e;
  Parser parser(std::move(tokens), e.warnings);
  SBOMHUB_ASSIGN_OR_RETURN(e.root, parser.ParseAll());
  return e;
}

std::string ToString(const ExpressionNode& node) {
  std::string out;
  AppendNode(node, out);
  return out;
}

std::vector<ExpressionIssue> ValidateExpression(const ExpressionNode& root) {
  std::vector<ExpressionIssue> issues;
  struct Item {
    const ExpressionNode* node;
    bool top;
  };
  std::vector<Item> stack{{&root, true}};
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    const ExpressionNode& n = *item.node;
    if (!n.is_leaf()) {
      for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) stack.push_back({&*it, false});
      continue;
    }
    switch (n.kind) {
      case ExpressionNode::Kind::kNone:
      case ExpressionNode::Kind::kNoAssertion:
        if (!item.top) {
          issues.push_back({Severity::kError, "license.special-in-compound", n.id, n.offset,
                            n.id + " stands for the whole expression and cannot be combined"});
        }
        break;
      case ExpressionNode::Kind::kLicenseRef:
        break;
      case ExpressionNode::Kind::kLicense: {
        const LicenseInfo* info = FindLicense(n.id);
        if (info == nullptr) {
          if (FindException(n.id) != nullptr) {
            issues.push_back({Severity::kError, "license.exception-as-license", n.id, n.offset,
                              Quote(n.id) + " is a license exception; use it after WITH"});
          } else {
            issues.push_back({Severity::kError, "license.unknown-id", n.id, n.offset,
                              Quote(n.id) + " is not on the SPDX License List " + std::string(LicenseListVersion()) +
                                  "; use a LicenseRef- for other licenses"});
          }
          break;
        }
        if (info->deprecated) {
          const std::string repl = DeprecatedReplacement(std::string(info->id) + (n.or_later ? "+" : ""));
          issues.push_back({Severity::kWarning, "license.deprecated-id", n.id, n.offset,
                            Quote(n.id) + " is deprecated" + (repl.empty() ? std::string() : "; use " + repl)});
        }
        if (n.or_later && (EndsWith(info->id, "-only") || EndsWith(info->id, "-or-later"))) {
          issues.push_back({Severity::kWarning, "license.plus-redundant", n.id, n.offset,
                            "'+' on " + Quote(n.id) + " contradicts or repeats its -only/-or-later suffix"});
        }
        break;
      }
      case ExpressionNode::Kind::kAnd:
      case ExpressionNode::Kind::kOr:
        break;
    }
    if (!n.exception.empty() && !StartsWithIgnoreCase(n.exception, kAdditionRefPrefix)) {
      const ExceptionInfo* ex = FindException(n.exception);
      if (ex == nullptr) {
        if (FindLicense(n.exception) != nullptr) {
          issues.push_back({Severity::kError, "license.license-as-exception", n.exception, n.exception_offset,
                            Quote(n.exception) + " is a license, not an exception; combine it with AND"});
        } else {
          issues.push_back({Severity::kError, "license.unknown-exception", n.exception, n.exception_offset,
                            Quote(n.exception) + " is not an exception on the SPDX License List " +
                                std::string(LicenseListVersion())});
        }
      } else if (ex->deprecated) {
        const std::string repl = DeprecatedReplacement(ex->id);
        issues.push_back({Severity::kWarning, "license.deprecated-exception", n.exception, n.exception_offset,
                          Quote(n.exception) + " is deprecated" + (repl.empty() ? std::string() : "; use " + repl)});
      }
    }
  }
  return issues;
}

std::vector<std::string> LicenseIds(const ExpressionNode& root) {
  std::vector<std::string> ids;
  std::unordered_map<std::string, bool> seen;
  std::vector<const ExpressionNode*> stack{&root};
  while (!stack.empty()) {
    const ExpressionNode* n = stack.back();
    stack.pop_back();
    if (!n->is_leaf()) {
      for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(&*it);
      continue;
    }
    std::string id = n->document_ref.empty() ? n->id : n->document_ref + ":" + n->id;
    if (n->or_later) id += '+';
    if (seen.emplace(id, true).second) ids.push_back(std::move(id));
  }
  return ids;
}

std::vector<std::string> LicenseIds(const Expression& expression) { return LicenseIds(expression.root); }

bool Canonicalize(ExpressionNode& node) {
  bool changed = false;
  std::vector<ExpressionNode*> stack{&node};
  while (!stack.empty()) {
    ExpressionNode* n = stack.back();
    stack.pop_back();
    for (auto& c : n->children) stack.push_back(&c);
    auto set = [&changed](std::string& field, std::string_view value) {
      if (field != value) {
        field = std::string(value);
        changed = true;
      }
    };
    switch (n->kind) {
      case ExpressionNode::Kind::kLicense:
        if (const LicenseInfo* info = FindLicense(n->id)) set(n->id, info->id);
        break;
      case ExpressionNode::Kind::kLicenseRef:
        set(n->id, std::string(kLicenseRefPrefix) + n->id.substr(kLicenseRefPrefix.size()));
        break;
      case ExpressionNode::Kind::kNone:
        set(n->id, "NONE");
        break;
      case ExpressionNode::Kind::kNoAssertion:
        set(n->id, "NOASSERTION");
        break;
      default:
        break;
    }
    if (!n->document_ref.empty()) {
      set(n->document_ref, std::string(kDocumentRefPrefix) + n->document_ref.substr(kDocumentRefPrefix.size()));
    }
    if (!n->exception.empty()) {
      if (StartsWithIgnoreCase(n->exception, kAdditionRefPrefix)) {
        set(n->exception, std::string(kAdditionRefPrefix) + n->exception.substr(kAdditionRefPrefix.size()));
      } else if (const ExceptionInfo* ex = FindException(n->exception)) {
        set(n->exception, ex->id);
      }
    }
    if (!n->exception_document_ref.empty()) {
      set(n->exception_document_ref,
          std::string(kDocumentRefPrefix) + n->exception_document_ref.substr(kDocumentRefPrefix.size()));
    }
  }
  return changed;
}

std::string DeprecatedReplacement(std::string_view id) {
  for (const Replacement& r : kReplacements) {
    if (EqualsIgnoreCase(r.deprecated, id)) return std::string(r.replacement);
  }
  // GPL-2.0 -> GPL-2.0-only, GPL-2.0+ -> GPL-2.0-or-later (and LGPL, AGPL, GFDL alike).
  const bool plus = EndsWith(id, "+");
  const std::string_view base = plus ? id.substr(0, id.size() - 1) : id;
  const LicenseInfo* info = FindLicense(base);
  if (info == nullptr || !info->deprecated || !IsGnuFamily(info->id)) return {};
  const std::string candidate = std::string(info->id) + (plus ? "-or-later" : "-only");
  const LicenseInfo* successor = FindLicense(candidate);
  return successor != nullptr && !successor->deprecated ? std::string(successor->id) : std::string();
}

std::string_view NormalizationMethodName(NormalizedLicense::Method m) {
  switch (m) {
    case NormalizedLicense::Method::kExact: return "exact";
    case NormalizedLicense::Method::kCanonicalCase: return "canonical-case";
    case NormalizedLicense::Method::kDeprecatedId: return "deprecated-id";
    case NormalizedLicense::Method::kLicenseName: return "license-name";
    case NormalizedLicense::Method::kAlias: return "alias";
    case NormalizedLicense::Method::kUnmatched: return "unmatched";
  }
  return "unmatched";
}

NormalizedLicense NormalizeLicense(std::string_view text) {
  NormalizedLicense out;
  const std::string_view trimmed = TrimWhitespace(text);
  if (trimmed.empty()) {
    out.note = "empty license text";
    return out;
  }
  auto parsed = ParseExpression(trimmed);
  if (parsed.ok()) {
    bool has_error = false;
    for (const auto& issue : ValidateExpression(parsed->root)) has_error = has_error || issue.severity == Severity::kError;
    if (!has_error) {
      ExpressionNode root = std::move(parsed->root);
      // Only spacing or redundant parentheses differ: the same expression, not a normalization.
      const std::string as_written = ToString(root);
      const bool replaced = ReplaceDeprecated(root);
      Canonicalize(root);
      out.expression = ToString(root);
      if (out.expression == as_written && parsed->warnings.empty()) {
        out.method = NormalizedLicense::Method::kExact;
      } else {
        out.method = replaced ? NormalizedLicense::Method::kDeprecatedId : NormalizedLicense::Method::kCanonicalCase;
        out.normalized_from = std::string(text);
      }
      return out;
    }
  }
  if (trimmed.size() <= 1024) {  // names are short; a long text is a license body, not a name
    if (const NameTarget* t = NameIndex::Get().Find(trimmed)) {
      out.expression = t->expression;
      out.method = t->method;
      out.ambiguous = t->ambiguous;
      out.note = t->note;
      if (out.expression != text) out.normalized_from = std::string(text);
      return out;
    }
    // "MIT or Apache License 2.0", "Apache-2.0/MIT", "GPLv2 and BSD": each side on its own.
    if (auto combined = NormalizeCombination(trimmed)) {
      out = std::move(*combined);
      out.normalized_from = std::string(text);
      return out;
    }
  }
  out.note = "no SPDX license matches " + Quote(trimmed);
  return out;
}

}  // namespace sbomhub::license
