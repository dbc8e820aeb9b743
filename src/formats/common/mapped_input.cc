#include "formats/common/mapped_input.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"

namespace sbomhub::formats {
namespace {

std::size_t PageSize() {
  static const std::size_t kSize = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return kSize;
}

std::size_t RoundUp(std::size_t n, std::size_t page) { return (n + page - 1) / page * page; }

}  // namespace

std::unique_ptr<MappedInput> MappedInput::Open(const std::string& path, std::uint64_t max_bytes) {
  if (path == "-") return nullptr;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
      static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return nullptr;
  }
  auto size = static_cast<std::size_t>(st.st_size);
  // Padding must be readable even when the file ends on a page boundary: reserve anonymous
  // (zero) pages for file + padding, then map the file over their start. Touching file pages past
  // the end of the file would fault the process; these are anonymous, so they read as zeros.
  std::size_t mapped = RoundUp(size + kInputPadding, PageSize());
  void* region = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) {
    ::close(fd);
    return nullptr;
  }
  void* file = ::mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (file == MAP_FAILED) {
    ::munmap(region, mapped);
    return nullptr;
  }
  // Decoders read front to back: let the kernel read ahead generously.
  (void)::madvise(region, size, MADV_SEQUENTIAL);
  return std::unique_ptr<MappedInput>(new MappedInput(static_cast<char*>(region), size, mapped));
}

MappedInput::MappedInput(char* base, std::size_t size, std::size_t mapped)
    : base_(base), size_(size), mapped_(mapped), released_(base), next_release_(base + kReleaseStep) {}

MappedInput::~MappedInput() { ::munmap(base_, mapped_); }

void MappedInput::Release(const char* p) {
  // Whole pages strictly before `p` only: the page holding `p` is still being read.
  std::size_t page = PageSize();
  auto offset = static_cast<std::size_t>(p - base_);
  char* end = base_ + offset / page * page;
  if (end > released_) {
    // Private, never written: dropping the pages loses nothing, a later read pages them back in.
    (void)::madvise(released_, static_cast<std::size_t>(end - released_), MADV_DONTNEED);
    released_ = end;
  }
  next_release_ = p + kReleaseStep;
}

}  // namespace sbomhub::formats
