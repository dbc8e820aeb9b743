// What the store keeps of an upload: the original's SHA-256, and bytes that give the original
// back exactly, or a clear error when they cannot.

#include "store/document_content.h"

#include <gtest/gtest.h>

#include <string>

#include "base/sha256.h"

namespace sbomhub::store {
namespace {

std::string RepetitiveJson(std::size_t at_least) {
  std::string out = "{\"components\":[";
  for (int i = 0; out.size() < at_least; ++i) {
    out += "{\"name\":\"pkg-" + std::to_string(i % 101) + "\",\"version\":\"2." +
           std::to_string(i % 7) + ".0\"},";
  }
  return out + "{}]}";
}

TEST(DocumentContent, CompressesAndRestoresByteForByte) {
  std::string original = RepetitiveJson(1 << 20);
  original[100] = '\0';  // verbatim means any byte
  original[101] = '\xff';
  DocumentContent c = PrepareDocumentContent(original);
  EXPECT_EQ(c.original, original);
  EXPECT_EQ(c.sha256, Sha256Hex(original));
  EXPECT_EQ(c.compression, "zstd");
  EXPECT_LT(c.stored.size(), original.size() / 8);
  auto back = RestoreDocumentContent(c.stored, c.compression,
                                     static_cast<std::int64_t>(original.size()), "document 1");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, original);
}

TEST(DocumentContent, EmptyAndTinyDocumentsRoundTrip) {
  for (std::string original : {std::string(), std::string("{}"), std::string(1, '\0')}) {
    DocumentContent c = PrepareDocumentContent(original);
    auto back = RestoreDocumentContent(c.stored, c.compression,
                                       static_cast<std::int64_t>(original.size()), "doc");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, original);
  }
}

TEST(DocumentContent, UncompressedRowsFromBeforeCompressionRead) {
  auto back = RestoreDocumentContent("{\"bom\":1}", "none", 9, "document 2");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "{\"bom\":1}");
  auto wrong_size = RestoreDocumentContent("{\"bom\":1}", "none", 10, "document 2");
  EXPECT_EQ(wrong_size.status().code(), StatusCode::kInternal);
  EXPECT_NE(wrong_size.status().message().find("document 2"), std::string::npos);
}

TEST(DocumentContent, DamagedRowsAreReportedAsCorrupt) {
  std::string original = RepetitiveJson(64 << 10);
  DocumentContent c = PrepareDocumentContent(original);
  auto size = static_cast<std::int64_t>(original.size());
  std::string truncated = c.stored.substr(0, c.stored.size() / 2);
  std::string flipped = c.stored;
  flipped[flipped.size() / 2] ^= 0x5a;
  for (const std::string& bad : {truncated, std::string("not zstd at all"), std::string()}) {
    auto r = RestoreDocumentContent(bad, "zstd", size, "document 7");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInternal);
    EXPECT_NE(r.status().message().find("document 7: stored content is corrupt"),
              std::string::npos)
        << r.status().ToString();
  }
  // A frame that decodes, but to another length than the document row says.
  EXPECT_FALSE(RestoreDocumentContent(c.stored, "zstd", size + 1, "document 7").ok());
  // A flipped byte inside the compressed stream either fails to decode or decodes to other
  // bytes; it never comes back as the original.
  auto r = RestoreDocumentContent(flipped, "zstd", size, "document 7");
  EXPECT_TRUE(!r.ok() || *r != original);
}

TEST(DocumentContent, UnknownCompressionIsUnsupported) {
  auto r = RestoreDocumentContent("x", "brotli", 1, "document 3");
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("brotli"), std::string::npos);
}

}  // namespace
}  // namespace sbomhub::store
