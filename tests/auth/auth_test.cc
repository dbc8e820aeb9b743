#include "auth/auth.h"

#include <gtest/gtest.h>

#include <set>

namespace sbomhub::auth {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  auto h = HashPassword("correct horse battery", HashCost::kMinimum);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
}

TEST(Password, SameInputHashesDifferently) {
  auto a = HashPassword("same password", HashCost::kMinimum);
  auto b = HashPassword("same password", HashCost::kMinimum);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // fresh salt each time
}

TEST(Password, PolicyRefusesShortAndHugePasswords) {
  EXPECT_EQ(HashPassword("short", HashCost::kMinimum).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HashPassword(std::string(2000, 'x'), HashCost::kMinimum).status().code(), StatusCode::kInvalidArgument);
}

TEST(Password, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("anything at all", ""));
  EXPECT_FALSE(VerifyPassword("anything at all", "$argon2id$garbage"));
  EXPECT_FALSE(VerifyPassword("anything at all", std::string(500, '$')));
}

TEST(ApiKey, ShapeAndUniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string k = NewApiKey();
    EXPECT_TRUE(LooksLikeApiKey(k)) << k;
    EXPECT_TRUE(seen.insert(k).second);
  }
  EXPECT_FALSE(LooksLikeApiKey("sbh_short"));
  EXPECT_FALSE(LooksLikeApiKey("xyz_" + std::string(43, 'a')));
  EXPECT_FALSE(LooksLikeApiKey("sbh_" + std::string(42, 'a') + "!"));
  EXPECT_TRUE(LooksLikeApiKey("sbh_" + std::string(43, 'a')));
}

TEST(Token, HashIsSha256Hex) {
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(RandomToken(32).size(), 43u);
  EXPECT_NE(RandomToken(), RandomToken());
}

TEST(OneTimePassword, PassesPolicyAndAvoidsAmbiguousCharacters) {
  std::string p = NewOneTimePassword();
  EXPECT_EQ(p.size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(p).ok());
  EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos) << p;
}

TEST(ConstantTime, Equality) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abcdef", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcdeg"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace sbomhub::auth
