#include "generate/toml_lite.h"

#include "base/text.h"

namespace sbomhub::generate::toml {

const Value* Value::Find(std::string_view key) const {
  if (kind != Kind::kTable) return nullptr;
  auto it = index.find(std::string(key));
  return it == index.end() ? nullptr : &entries[it->second].second;
}

std::string_view Value::Str(std::string_view key) const {
  const Value* v = Find(key);
  return v != nullptr && v->kind == Kind::kString ? std::string_view(v->text) : std::string_view();
}

namespace {

Value NewTable(std::size_t line) {
  Value v;
  v.kind = Value::Kind::kTable;
  v.line = line;
  return v;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Value> Run() {
    Value root = NewTable(1);
    Value* current = &root;
    while (true) {
      SkipBlankLinesAndComments();
      if (AtEnd()) break;
      if (Peek() == '[') {
        bool array = pos_ + 1 < s_.size() && s_[pos_ + 1] == '[';
        pos_ += array ? 2 : 1;
        std::vector<std::string> path;
        SBOMHUB_RETURN_IF_ERROR(ParseKeyPath(path));
        SkipSpaces();
        if (!Consume(']') || (array && !Consume(']'))) return Error("expected ']' closing the table header");
        SBOMHUB_RETURN_IF_ERROR(EndOfLine());
        auto located = OpenHeader(root, path, array);
        if (!located.ok()) return located.status();
        current = *located;
        continue;
      }
      std::vector<std::string> path;
      SBOMHUB_RETURN_IF_ERROR(ParseKeyPath(path));
      SkipSpaces();
      if (!Consume('=')) return Error("expected '=' after a key");
      SkipSpaces();
      Value v;
      SBOMHUB_RETURN_IF_ERROR(ParseValue(v, 0));
      SBOMHUB_RETURN_IF_ERROR(Assign(*current, path, std::move(v)));
      SBOMHUB_RETURN_IF_ERROR(EndOfLine());
    }
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  void Advance() {
    if (s_[pos_] == '\n') ++line_;
    ++pos_;
  }
  void SkipSpaces() {
    while (!AtEnd() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  void SkipComment() {
    if (Peek() == '#') {
      while (!AtEnd() && s_[pos_] != '\n') ++pos_;
    }
  }
  void SkipBlankLinesAndComments() {
    while (!AtEnd()) {
      char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        Advance();
      } else if (c == '#') {
        SkipComment();
      } else {
        break;
      }
    }
  }
  // Inside arrays: whitespace, newlines and comments between items.
  void SkipArrayFiller() { SkipBlankLinesAndComments(); }

  Status Error(std::string_view message) const { return Status::ParseError(AtLine(message)); }
  std::string AtLine(std::string_view message) const {
    return "line " + std::to_string(line_) + ": " + std::string(message);
  }

  Status EndOfLine() {
    SkipSpaces();
    SkipComment();
    if (AtEnd()) return Status::Ok();
    if (Peek() == '\r') ++pos_;
    if (!Consume('\n')) return Error("unexpected text after a value: '" + Excerpt(s_.substr(pos_, 20)) + "'");
    ++line_;
    return Status::Ok();
  }

  Status ParseKeyPath(std::vector<std::string>& path) {
    while (true) {
      SkipSpaces();
      std::string key;
      if (Peek() == '"' || Peek() == '\'') {
        SBOMHUB_RETURN_IF_ERROR(ParseString(key));
      } else {
        std::size_t start = pos_;
        while (!AtEnd()) {
          char c = s_[pos_];
          if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
            ++pos_;
          } else {
            break;
          }
        }
        if (pos_ == start) return Error("expected a key");
        key = std::string(s_.substr(start, pos_ - start));
      }
      path.push_back(std::move(key));
      // Deep dotted keys would build a deep tree whose destruction recurses: bound it.
      if (path.size() > kMaxTomlDepth) return Error("dotted key has too many parts");
      SkipSpaces();
      if (!Consume('.')) return Status::Ok();
    }
  }

  Status ParseString(std::string& out) {
    char quote = s_[pos_];
    bool multi = s_.substr(pos_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    pos_ += multi ? 3 : 1;
    if (multi && Peek() == '\n') Advance();  // a newline right after the opening is trimmed
    else if (multi && s_.substr(pos_, 2) == "\r\n") pos_ += 2, ++line_;
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      char c = s_[pos_];
      if (multi) {
        if (s_.substr(pos_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''")) {
          pos_ += 3;
          // Up to two extra quotes just before the closing delimiter belong to the string.
          while (Peek() == quote && out.size() < 2 * s_.size()) {
            out.push_back(quote);
            ++pos_;
          }
          return Status::Ok();
        }
      } else {
        if (c == quote) {
          ++pos_;
          return Status::Ok();
        }
        if (c == '\n') return Error("newline inside a single-line string");
      }
      if (c == '\\' && quote == '"') {
        ++pos_;
        if (AtEnd()) return Error("unterminated escape");
        char e = s_[pos_++];
        switch (e) {
          case 'n': out.push_back('\n'); break;
          case 't': out.push_back('\t'); break;
          case 'r': out.push_back('\r'); break;
          case 'b': out.push_back('\b'); break;
          case 'f': out.push_back('\f'); break;
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case 'u':
          case 'U': {
            std::size_t n = e == 'u' ? 4 : 8;
            if (pos_ + n > s_.size()) return Error("truncated \\u escape");
            unsigned long cp = 0;
            for (std::size_t i = 0; i < n; ++i) {
              char h = s_[pos_ + i];
              int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                      : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
              if (d < 0) return Error("bad hex digit in \\u escape");
              cp = cp * 16 + static_cast<unsigned long>(d);
            }
            pos_ += n;
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Error("escape is not a Unicode scalar value");
            AppendUtf8(out, cp);
            break;
          }
          case '\n':
          case ' ':
          case '\t':
          case '\r':
            if (!multi) return Error("line-ending backslash outside a multi-line string");
            // Line-ending backslash: skip the newline and leading whitespace that follows.
            --pos_;
            while (!AtEnd() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) Advance();
            break;
          default:
            return Error(std::string("unknown escape '\\") + e + "'");
        }
        continue;
      }
      out.push_back(c);
      Advance();
    }
  }

  static void AppendUtf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Status ParseValue(Value& v, std::size_t depth) {
    if (depth > kMaxTomlDepth) return Error("arrays/inline tables nested too deeply");
    v.line = line_;
    char c = Peek();
    if (c == '"' || c == '\'') {
      v.kind = Value::Kind::kString;
      return ParseString(v.text);
    }
    if (c == '[') {
      ++pos_;
      v.kind = Value::Kind::kArray;
      while (true) {
        SkipArrayFiller();
        if (Consume(']')) return Status::Ok();
        Value item;
        SBOMHUB_RETURN_IF_ERROR(ParseValue(item, depth + 1));
        v.items.push_back(std::move(item));
        SkipArrayFiller();
        if (Consume(']')) return Status::Ok();
        if (!Consume(',')) return Error("expected ',' or ']' in an array");
      }
    }
    if (c == '{') {
      ++pos_;
      v.kind = Value::Kind::kTable;
      SkipSpaces();
      if (Consume('}')) return Status::Ok();
      while (true) {
        std::vector<std::string> path;
        SBOMHUB_RETURN_IF_ERROR(ParseKeyPath(path));
        SkipSpaces();
        if (!Consume('=')) return Error("expected '=' in an inline table");
        SkipSpaces();
        Value member;
        SBOMHUB_RETURN_IF_ERROR(ParseValue(member, depth + 1));
        SBOMHUB_RETURN_IF_ERROR(Assign(v, path, std::move(member)));
        SkipSpaces();
        if (Consume('}')) return Status::Ok();
        if (!Consume(',')) return Error("expected ',' or '}' in an inline table");
        SkipSpaces();
      }
    }
    // Bare scalar: number, boolean, date/time. Kept as text.
    std::size_t start = pos_;
    while (!AtEnd()) {
      char ch = s_[pos_];
      if (ch == ',' || ch == ']' || ch == '}' || ch == '\n' || ch == '\r' || ch == '#') break;
      ++pos_;
    }
    std::string_view raw = TrimWhitespace(s_.substr(start, pos_ - start));
    if (raw.empty()) return Error("expected a value");
    v.kind = Value::Kind::kScalar;
    v.text = std::string(raw);
    return Status::Ok();
  }

  // Sets path (relative to `table`) to v; intermediate keys become tables.
  Status Assign(Value& table, const std::vector<std::string>& path, Value v) {
    Value* t = &table;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      auto sub = Descend(*t, path[i]);
      if (!sub.ok()) return sub.status();
      t = *sub;
    }
    if (t->index.count(path.back()) != 0) return Error("duplicate key '" + Excerpt(path.back()) + "'");
    t->index.emplace(path.back(), t->entries.size());
    t->entries.push_back({path.back(), std::move(v)});
    return Status::Ok();
  }

  // The table at t[key], created if missing; for an array of tables, its last element.
  Result<Value*> Descend(Value& t, const std::string& key) {
    auto it = t.index.find(key);
    if (it == t.index.end()) {
      t.index.emplace(key, t.entries.size());
      t.entries.push_back({key, NewTable(line_)});
      return &t.entries.back().second;
    }
    Value& v = t.entries[it->second].second;
    if (v.IsTable()) return &v;
    if (v.IsArray() && !v.items.empty() && v.items.back().IsTable()) return &v.items.back();
    return Status::ParseError(AtLine("key '" + Excerpt(key) + "' is not a table"));
  }

  Result<Value*> OpenHeader(Value& root, const std::vector<std::string>& path, bool array) {
    Value* t = &root;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      auto sub = Descend(*t, path[i]);
      if (!sub.ok()) return sub.status();
      t = *sub;
    }
    const std::string& last = path.back();
    if (!array) return Descend(*t, last);
    auto it = t->index.find(last);
    if (it == t->index.end()) {
      Value arr;
      arr.kind = Value::Kind::kArray;
      arr.line = line_;
      t->index.emplace(last, t->entries.size());
      t->entries.push_back({last, std::move(arr)});
      it = t->index.find(last);
    }
    Value& arr = t->entries[it->second].second;
    if (!arr.IsArray()) return Status::ParseError(AtLine("'" + Excerpt(last) + "' is not an array of tables"));
    arr.items.push_back(NewTable(line_));
    return &arr.items.back();
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

Result<Value> Parse(std::string_view text) { return Parser(text).Run(); }

}  // namespace sbomhub::generate::toml
