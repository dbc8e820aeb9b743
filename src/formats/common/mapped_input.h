// A whole input file mapped read-only into memory, for decoders that read it front to back.
//
// Why: reading a file into a buffer keeps all of it resident until the decode ends, beside the
// model being built; on a 100 MiB SBOM that alone was a third of the peak. A mapping lets the
// decoder hand the pages it has consumed back to the OS as it goes (ConsumedUpTo), so at the
// peak mostly the model is resident. Reading a handed-back page again stays correct: it pages
// back in from the file (needed by the rare paths that look back, such as error positions).
//
//   [ file bytes ........................... ][ zero padding (>= kInputPadding) ]
//   ^ bytes().data()     ^ ConsumedUpTo(p): whole pages before p leave the resident set
//
// The mapping is private and read-only. Like every mapped reader it assumes the file is not
// truncated while it is mapped (the OS would then fault the process).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sbomhub::formats {

class MappedInput {
 public:
  // Maps the regular file at `path`; nullptr when it cannot be mapped (not a regular file, empty,
  // over `max_bytes`, unreadable), so the caller reads it the ordinary way, which reports the
  // error in the usual words.
  static std::unique_ptr<MappedInput> Open(const std::string& path, std::uint64_t max_bytes);

  ~MappedInput();
  MappedInput(const MappedInput&) = delete;
  MappedInput& operator=(const MappedInput&) = delete;

  // The file's bytes, followed by at least kInputPadding readable zero bytes.
  std::string_view bytes() const { return {base_, size_}; }

  // Bytes before `p` (a pointer into bytes()) will not be needed soon. Cheap enough to call per
  // element: pages are handed back only in steps of kReleaseStep, one system call per step.
  void ConsumedUpTo(const char* p) {
    if (p >= next_release_) Release(p);
  }

 private:
  static constexpr std::size_t kReleaseStep = std::size_t{1} << 20;

  MappedInput(char* base, std::size_t size, std::size_t mapped);
  void Release(const char* p);

  char* base_;
  std::size_t size_;
  std::size_t mapped_;        // length of the whole mapping (file pages + padding pages)
  char* released_;            // pages before this have been handed back
  const char* next_release_;  // ConsumedUpTo does nothing below this
};

}  // namespace sbomhub::formats
