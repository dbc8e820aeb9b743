#include "base/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace sbomhub {
namespace {

std::string OsError() { return std::strerror(errno); }

Result<std::string> ReadStream(std::FILE* f, const std::string& name, std::uint64_t max_bytes) {
  std::string out;
  out.reserve(1 << 16);
  char chunk[1 << 16];
  while (true) {
    std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
    if (n > 0) {
      if (out.size() + n > max_bytes) {
        return Status::TooLarge(name + ": input exceeds the limit of " + std::to_string(max_bytes) +
                                " bytes (raise it with --max-input-size)");
      }
      out.append(chunk, n);
    }
    if (n < sizeof chunk) {
      if (std::ferror(f)) return Status::IoError(name + ": " + OsError());
      break;
    }
  }
  out.reserve(out.size() + kInputPadding);
  return out;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path, std::uint64_t max_bytes) {
  if (path == "-") return ReadStream(stdin, "<stdin>", max_bytes);
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  if (std::filesystem::is_directory(status)) return Status::IoError(path + ": is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError(path + ": " + OsError());
  std::string out;
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) {
      if (size > max_bytes) {
        std::fclose(f);
        return Status::TooLarge(path + ": file is " + std::to_string(size) +
                                " bytes, over the limit of " + std::to_string(max_bytes) +
                                " bytes (raise it with --max-input-size)");
      }
      out.reserve(size + kInputPadding);
      out.resize(size);
      std::size_t got = size == 0 ? 0 : std::fread(out.data(), 1, size, f);
      bool failed = std::ferror(f);
      std::fclose(f);
      if (failed) return Status::IoError(path + ": " + OsError());
      out.resize(got);
      return out;
    }
  }
  auto result = ReadStream(f, path, max_bytes);
  std::fclose(f);
  return result;
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IoError("<stdout>: write failed");
  }
  std::string tmp = path + ".tmp-sbomhub";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(path + ": cannot create: " + OsError());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Status::IoError(path + ": write failed: " + OsError());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  return Status::Ok();
}

std::string PaddedCopy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + kInputPadding);
  out.assign(bytes);
  return out;
}

}  // namespace sbomhub
