// Every CPE name found in the NVD samples (JSON feeds, API records, the official dictionary and
// syft's binding fixtures) must parse and survive both bindings unchanged.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/cpe.h"
#include "support/test_support.h"

namespace sbomhub::model {
namespace {

using nlohmann::json;

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool IsCpeText(const std::string& s) {
  return s.rfind("cpe:2.3:", 0) == 0 || s.rfind("cpe:/", 0) == 0;
}

// Collects every string value that looks like a CPE name, anywhere in the document.
void CollectCpes(const json& j, std::set<std::string>& out) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (IsCpeText(s)) out.insert(s);
  } else if (j.is_array() || j.is_object()) {
    for (const auto& v : j) CollectCpes(v, out);
  }
}

std::string XmlUnescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [ent, ch] : kEntities) {
        if (s.substr(i, ent.size()) == ent) {
          out.push_back(ch);
          i += ent.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// The official dictionary pairs each <cpe-item name="cpe:/..."> with a
// <cpe-23:cpe23-item name="cpe:2.3:..."> inside it.
std::vector<std::pair<std::string, std::string>> DictionaryPairs(const std::string& xml) {
  std::vector<std::pair<std::string, std::string>> pairs;
  constexpr std::string_view kItem = "<cpe-item name=\"";
  constexpr std::string_view kItem23 = "<cpe-23:cpe23-item name=\"";
  std::size_t pos = 0;
  while ((pos = xml.find(kItem, pos)) != std::string::npos) {
    pos += kItem.size();
    std::size_t end = xml.find('"', pos);
    std::string uri = XmlUnescape(std::string_view(xml).substr(pos, end - pos));
    std::size_t p23 = xml.find(kItem23, end);
    if (p23 == std::string::npos) break;
    p23 += kItem23.size();
    std::size_t end23 = xml.find('"', p23);
    pairs.emplace_back(uri, XmlUnescape(std::string_view(xml).substr(p23, end23 - p23)));
    pos = end23;
  }
  return pairs;
}

TEST(CpeNvdSamples, EveryNameParsesAndRoundTrips) {
  const std::filesystem::path root = testing::SharedData("nvd-json-samples");
  std::set<std::string> names;
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    json doc = json::parse(Slurp(e.path()), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) continue;  // a few API fixtures are deliberately truncated
    ++files;
    CollectCpes(doc, names);
  }
  std::size_t fs = 0;
  std::size_t uri = 0;
  for (const auto& name : names) {
    auto cpe = Cpe::Parse(name);
    ASSERT_TRUE(cpe.ok()) << cpe.status().ToString();
    if (name.rfind("cpe:2.3:", 0) == 0) {
      ++fs;
      EXPECT_EQ(cpe->ToFormattedString(), name);
    } else {
      ++uri;
      EXPECT_EQ(cpe->ToUri(), name);
    }
    // Crossing bindings loses nothing.
    auto via_uri = Cpe::ParseUri(cpe->ToUri());
    ASSERT_TRUE(via_uri.ok()) << name << " -> " << cpe->ToUri() << ": " << via_uri.status().ToString();
    EXPECT_EQ(*via_uri, *cpe) << name << " -> " << cpe->ToUri();
    auto via_fs = Cpe::ParseFormattedString(cpe->ToFormattedString());
    ASSERT_TRUE(via_fs.ok()) << name;
    EXPECT_EQ(*via_fs, *cpe) << name;
    EXPECT_TRUE(cpe->Matches(*cpe)) << name;
  }
  std::printf("nvd-json-samples: %zu distinct CPE names (%zu formatted strings, %zu URIs) from %zu "
              "JSON files parsed and round-tripped\n",
              names.size(), fs, uri, files);
  EXPECT_GT(fs, 1000u);
}

TEST(CpeCisaVulnrichment, EveryAffectedCpeParsesAndRoundTrips) {
  const std::filesystem::path root = testing::SharedData("cve5-cisa-vulnrichment");
  std::set<std::string> names;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    json doc = json::parse(Slurp(e.path()), nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) CollectCpes(doc, names);
  }
  for (const auto& name : names) {
    auto cpe = Cpe::Parse(name);
    ASSERT_TRUE(cpe.ok()) << cpe.status().ToString();
    EXPECT_EQ(name.rfind("cpe:2.3:", 0) == 0 ? cpe->ToFormattedString() : cpe->ToUri(), name);
  }
  std::printf("cve5-cisa-vulnrichment: %zu distinct CPE names parsed and round-tripped\n",
              names.size());
  EXPECT_GT(names.size(), 1000u);
}

TEST(CpeNvdSamples, SyftBindingFixturesAgree) {
  json doc = json::parse(Slurp(testing::SharedData("nvd-json-samples/cpe/syft/syft/cpe/testdata/cpe-data.json")));
  std::size_t n = 0;
  for (const auto& item : doc) {
    const std::string fs = item.at("cpe-string").get<std::string>();
    const std::string uri = item.at("cpe-url").get<std::string>();
    auto a = Cpe::ParseFormattedString(fs);
    auto b = Cpe::ParseUri(uri);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(*a, *b) << fs << " vs " << uri;
    EXPECT_EQ(a->ToUri(), uri);
    EXPECT_EQ(b->ToFormattedString(), fs);
    // syft's "wfn" object shows values unquoted except for '*' and '?', which stay quoted.
    std::string product = item.at("wfn").at("Product").get<std::string>();
    if (product.find('\\') == std::string::npos) {
      EXPECT_EQ(a->product().is_any() ? "" : a->product().Unquoted(), product);
    }
    ++n;
  }
  std::printf("syft cpe-data.json: %zu formatted-string/URI pairs agree\n", n);
  EXPECT_GT(n, 900u);
}

TEST(CpeNvdSamples, OfficialDictionaryBindingsAgree) {
  const std::string xml = Slurp(testing::SharedData(
      "nvd-json-samples/cpe/syft/syft/pkg/cataloger/internal/cpegenerate/dictionary/"
      "index-generator/testdata/official-cpe-dictionary_v2.3.xml"));
  auto pairs = DictionaryPairs(xml);
  std::size_t same = 0;
  for (const auto& [uri, fs] : pairs) {
    auto a = Cpe::ParseUri(uri);
    auto b = Cpe::ParseFormattedString(fs);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(b->ToFormattedString(), fs);
    EXPECT_EQ(a->ToUri(), uri);
    if (*a == *b) {
      ++same;
    } else {
      ADD_FAILURE() << uri << " and " << fs << " name different things";
    }
  }
  std::printf("official CPE dictionary: %zu/%zu URI/formatted-string pairs agree\n", same,
              pairs.size());
  EXPECT_GT(pairs.size(), 3000u);
}

}  // namespace
}  // namespace sbomhub::model
