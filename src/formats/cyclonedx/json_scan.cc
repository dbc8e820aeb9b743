// The splitting scanner of the CycloneDX JSON decoder (json_scan.h).
#include "formats/cyclonedx/json_scan.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(SBOMHUB_SCAN_AVX2)
#include <immintrin.h>
#endif

namespace sbomhub::formats::cyclonedx::internal::scan {
namespace {

// Follows strings and bracket depth through a container. Brackets are matched by depth only
// ("[}" passes here and fails in simdjson, which parses the piece).
class ContainerScanner {
 public:
  explicit ContainerScanner(std::string_view t) : s_(t.data()) {}

  // Scans [from, to); the offset just past the bracket that closes the container, or kBad when
  // it stays open.
  std::size_t Bytes(std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      char c = s_[k];
      if (escaped_) {
        escaped_ = false;
      } else if (in_string_) {
        if (c == '\\') {
          escaped_ = true;
        } else if (c == '"') {
          in_string_ = false;
        }
      } else if (c == '"') {
        in_string_ = true;
      } else if (c == '{' || c == '[') {
        ++depth_;
      } else if ((c == '}' || c == ']') && --depth_ == 0) {
        return k + 1;
      }
    }
    return kBad;
  }

#if defined(__SSE2__)
  // One bit per byte of a 64-byte block.
  struct BlockBits {
    std::uint64_t quote = 0, backslash = 0, open = 0, close = 0;
  };

  static BlockBits Sse2Bits(const char* p) {
    BlockBits r;
    const __m128i q = _mm_set1_epi8('"');
    const __m128i b = _mm_set1_epi8('\\');
    const __m128i o = _mm_set1_epi8('{');
    const __m128i c = _mm_set1_epi8('}');
    const __m128i fold = _mm_set1_epi8(0x20);  // '[' | 0x20 == '{', ']' | 0x20 == '}'
    for (int part = 0; part < 4; ++part) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
      __m128i folded = _mm_or_si128(v, fold);
      auto bits = [&](__m128i eq) {
        return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(eq))) << (16 * part);
      };
      r.quote |= bits(_mm_cmpeq_epi8(v, q));
      r.backslash |= bits(_mm_cmpeq_epi8(v, b));
      r.open |= bits(_mm_cmpeq_epi8(folded, o));
      r.close |= bits(_mm_cmpeq_epi8(folded, c));
    }
    return r;
  }

  std::size_t Block(std::size_t at) { return Block(at, Sse2Bits(s_ + at)); }

  // Scans the 64 bytes at `at` (all readable, classified in `bits`) like Bytes(at, at + 64), a
  // block at a time: string interiors come from a prefix XOR of the quote bits, and only brackets
  // outside strings are visited, one by one only when the depth could reach zero in this block.
  // A block with a backslash (or after one) takes the byte loop.
  std::size_t Block(std::size_t at, BlockBits bits) {
    std::uint64_t quote = bits.quote, open = bits.open, close = bits.close;
    if (bits.backslash != 0 || escaped_) return Bytes(at, at + 64);
    std::uint64_t inside = quote;  // prefix XOR: bits from an opening quote up to its closing one
    inside ^= inside << 1;
    inside ^= inside << 2;
    inside ^= inside << 4;
    inside ^= inside << 8;
    inside ^= inside << 16;
    inside ^= inside << 32;
    if (in_string_) inside = ~inside;
    in_string_ = (inside >> 63) != 0;
    open &= ~inside;
    close &= ~inside;
    std::size_t closes = PopCount(close);
    if (depth_ > closes) {
      depth_ += PopCount(open) - closes;
      return kBad;
    }
    for (std::uint64_t brackets = open | close; brackets != 0; brackets &= brackets - 1) {
      int bit = __builtin_ctzll(brackets);
      if ((open >> bit) & 1) {
        ++depth_;
      } else if (--depth_ == 0) {
        return at + static_cast<std::size_t>(bit) + 1;
      }
    }
    return kBad;
  }
#endif

 private:
  // Without -mpopcnt (the x86-64 baseline) the builtin is a library call.
  static std::size_t PopCount(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
  }

  const char* s_;
  std::size_t depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;  // the previous byte was a backslash inside a string
};

}  // namespace

// `p` at an opening quote; the offset past the closing quote, or kBad when there is none.
// Contents are not checked: simdjson checks them when it parses the piece.
std::size_t SkipString(std::string_view t, std::size_t p) {
  const char* base = t.data();
  std::size_t start = p + 1;
  std::size_t from = start;
  while (from < t.size()) {
    const void* hit = std::memchr(base + from, '"', t.size() - from);
    if (hit == nullptr) return kBad;
    std::size_t q = static_cast<std::size_t>(static_cast<const char*>(hit) - base);
    std::size_t backslashes = 0;
    while (q - backslashes > start && base[q - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return q + 1;
    from = q + 1;
  }
  return kBad;
}

// `p` at '{' or '['; the offset just past the matching bracket, or kBad. Most bytes of a BOM
// are inside strings, so blocks of 64 bytes are classified at once where SSE2 exists.
std::size_t SkipContainer(std::string_view t, std::size_t p) {
  ContainerScanner scan(t);
  std::size_t i = p;
#if defined(__SSE2__)
  for (; i + 64 <= t.size(); i += 64) {
    std::size_t end = scan.Block(i);
    if (end != kBad) return end;
  }
#endif
  return scan.Bytes(i, t.size());
}

std::size_t SkipContainerBytes(std::string_view t, std::size_t p) {
  ContainerScanner scan(t);
  return scan.Bytes(p, t.size());
}

#if defined(SBOMHUB_SCAN_AVX2)
// SkipContainer with the block classified 32 bytes at a time where the CPU has AVX2 (checked at
// run time; the build targets the x86-64 baseline). The scanner was the decode's largest own
// cost in profiles (12% of instructions on a 10k-component BOM).
__attribute__((target("avx2"))) std::size_t SkipContainerAvx2(std::string_view t, std::size_t p) {
  ContainerScanner scan(t);
  const __m256i q = _mm256_set1_epi8('"');
  const __m256i b = _mm256_set1_epi8('\\');
  const __m256i o = _mm256_set1_epi8('{');
  const __m256i c = _mm256_set1_epi8('}');
  const __m256i fold = _mm256_set1_epi8(0x20);  // '[' | 0x20 == '{', ']' | 0x20 == '}'
  std::size_t i = p;
  for (; i + 64 <= t.size(); i += 64) {
    __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.data() + i));
    __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.data() + i + 32));
    __m256i lo_folded = _mm256_or_si256(lo, fold);
    __m256i hi_folded = _mm256_or_si256(hi, fold);
    ContainerScanner::BlockBits bits;
#define SBOMHUB_BITS(x, y)                                                                 \
  (static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(x))) |       \
   static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(y))) << 32)
    bits.quote = SBOMHUB_BITS(_mm256_cmpeq_epi8(lo, q), _mm256_cmpeq_epi8(hi, q));
    bits.backslash = SBOMHUB_BITS(_mm256_cmpeq_epi8(lo, b), _mm256_cmpeq_epi8(hi, b));
    bits.open = SBOMHUB_BITS(_mm256_cmpeq_epi8(lo_folded, o), _mm256_cmpeq_epi8(hi_folded, o));
    bits.close = SBOMHUB_BITS(_mm256_cmpeq_epi8(lo_folded, c), _mm256_cmpeq_epi8(hi_folded, c));
#undef SBOMHUB_BITS
    std::size_t end = scan.Block(i, bits);
    if (end != kBad) return end;
  }
  return scan.Bytes(i, t.size());
}

bool HasAvx2() {
  static const bool kHas = __builtin_cpu_supports("avx2");
  return kHas;
}
#endif

// `p` at the first byte of a value; the offset just past it, or kBad.
std::size_t SkipValue(std::string_view t, std::size_t p) {
  if (p >= t.size()) return kBad;
  char c = t[p];
  if (c == '"') return SkipString(t, p);
#if defined(SBOMHUB_SCAN_AVX2)
  if ((c == '{' || c == '[') && HasAvx2()) return SkipContainerAvx2(t, p);
#endif
  if (c == '{' || c == '[') return SkipContainer(t, p);
  std::size_t start = p;
  while (p < t.size() && !IsJsonSpace(t[p]) && t[p] != ',' && t[p] != '}' && t[p] != ']') ++p;
  return p == start ? kBad : p;
}


}  // namespace sbomhub::formats::cyclonedx::internal::scan
