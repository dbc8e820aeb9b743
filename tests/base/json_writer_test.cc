#include "base/json_writer.h"

#include <gtest/gtest.h>

namespace sbomhub {
namespace {

TEST(JsonWriter, CompactNestedDocument) {
  JsonWriter w(false);
  w.BeginObject().Field("a", 1).Key("b").BeginArray().String("x").Bool(true).Null().EndArray();
  w.Key("c").BeginObject().EndObject().EndObject();
  EXPECT_EQ(w.Take(), R"({"a":1,"b":["x",true,null],"c":{}})");
}

TEST(JsonWriter, EscapesControlQuoteAndBackslash) {
  JsonWriter w(false);
  w.String(std::string("a\"b\\c\n\x01", 7));
  EXPECT_EQ(w.Take(), R"("a\"b\\c\n\u0001")");
}

// Escaping skips 8 bytes at a time: every escapable byte, at every offset of a long string, with
// UTF-8 and DEL (not escaped) around it, must come out exactly as a byte-by-byte escaper writes it.
TEST(JsonWriter, EscapesAtEveryOffsetOfLongStrings) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  const std::string filler = "ab\x7f\xc3\xa9 cd\xff" "ef ghijklmnopqrstuv";
  for (char special : {'"', '\\', '\n', '\t', '\x00', '\x1f', '\x01'}) {
    for (std::size_t at = 0; at < filler.size(); ++at) {
      std::string s = filler;
      s[at] = special;
      std::string out;
      JsonWriter::AppendEscaped(out, s);
      EXPECT_EQ(out, reference(s)) << "byte " << static_cast<int>(special) << " at " << at;
    }
  }
  std::string plain(1000, 'x');
  std::string out;
  JsonWriter::AppendEscaped(out, plain);
  EXPECT_EQ(out, "\"" + plain + "\"");
}

TEST(JsonWriter, PrettyIndentsTwoSpaces) {
  JsonWriter w(true);
  w.BeginObject().Field("k", "v").Key("l").BeginArray().Int(1).EndArray().EndObject();
  EXPECT_EQ(w.Take(), "{\n  \"k\": \"v\",\n  \"l\": [\n    1\n  ]\n}\n");
}

TEST(JsonWriter, NonFiniteDoubleBecomesNull) {
  JsonWriter w(false);
  w.BeginArray().Double(1.5).Double(1.0 / 0.0).EndArray();
  EXPECT_EQ(w.Take(), "[1.5,null]");
}

}  // namespace
}  // namespace sbomhub
