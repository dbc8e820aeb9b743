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
