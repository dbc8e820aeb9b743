#include "version/order_fixture.h"

#include <string_view>

#include "base/file.h"
#include "base/text.h"

namespace sbomhub::version::testing {

OrderResult CheckOrderFile(const std::string& path, Scheme scheme) {
  OrderResult r;
  auto text = ReadFile(path);
  if (!text.ok()) {
    r.total = 1;
    r.failures.push_back(text.status().ToString());
    return r;
  }
  std::size_t line_no = 0;
  for (std::string_view line : Split(*text, '\n')) {
    ++line_no;
    line = TrimWhitespace(line);
    if (line.empty() || line[0] == '#' || StartsWith(line, "//")) continue;
    ++r.total;
    auto fail = [&](const std::string& why) {
      if (r.failures.size() < 20) {
        r.failures.push_back(path + ":" + std::to_string(line_no) + ": " + std::string(line) + " -> " + why);
      }
    };
    const auto parts = Split(line, ' ');
    if (parts.size() != 3 || parts[1].size() != 1 || std::string_view("<=>").find(parts[1][0]) == std::string_view::npos) {
      fail("not \"a op b\"");
      continue;
    }
    const int want = parts[1][0] == '<' ? -1 : (parts[1][0] == '=' ? 0 : 1);
    auto a = Version::Parse(scheme, parts[0]);
    auto b = Version::Parse(scheme, parts[2]);
    if (!a.ok() || !b.ok()) {
      fail((!a.ok() ? a.status() : b.status()).ToString());
      continue;
    }
    const int got = Compare(*a, *b);
    const int back = Compare(*b, *a);
    if (got != want || back != -want) {
      fail("got " + std::to_string(got) + ", reversed " + std::to_string(back));
      continue;
    }
    ++r.passed;
  }
  return r;
}

}  // namespace sbomhub::version::testing
