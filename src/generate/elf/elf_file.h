// A bounds-checked, read-only view of an ELF file held in memory (32/64-bit, either byte order).
// Every offset and size read from the file is checked against the buffer before use; a damaged
// file yields a ParseError naming the structure, never an out-of-range read.
//
//   ELF header ─ e_shoff ─► section headers[e_shnum] ─ sh_name ─► .shstrtab
//                                   └─ .dynamic (DT_NEEDED / DT_SONAME ─► .dynstr), notes, ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sbomhub::generate::elf {

// True when the bytes start with the ELF magic.
bool LooksLikeElf(std::string_view bytes);

struct Section {
  std::string name;
  std::uint32_t type = 0;
  std::uint64_t address = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

struct Note {
  std::string owner;
  std::uint32_t type = 0;
  std::string_view desc;  // points into the file buffer
};

class ElfFile {
 public:
  // `bytes` must outlive the ElfFile.
  static Result<ElfFile> Parse(std::string_view bytes);

  bool is_64() const { return is_64_; }
  std::uint16_t machine() const { return machine_; }
  const std::vector<Section>& sections() const { return sections_; }
  const Section* FindSection(std::string_view name) const;
  // Contents of a section (empty for SHT_NOBITS or when out of range: Parse already rejected
  // out-of-range sections, so this is only empty for NOBITS).
  std::string_view Contents(const Section& s) const;

  // DT_SONAME and DT_NEEDED from the dynamic section (empty when static or absent).
  std::string soname() const { return soname_; }
  const std::vector<std::string>& needed() const { return needed_; }

  // Notes from every SHT_NOTE section.
  std::vector<Note> Notes() const;

  // Machine name for purl/CPE qualifiers ("x86_64", "aarch64", ...); empty if unknown.
  std::string_view MachineName() const;

 private:
  std::uint16_t U16(std::size_t off) const;
  std::uint32_t U32(std::size_t off) const;
  std::uint64_t U64(std::size_t off) const;
  std::uint64_t Word(std::size_t off) const { return is_64_ ? U64(off) : U32(off); }
  Status ReadDynamic();

  std::string_view bytes_;
  bool is_64_ = true;
  bool big_endian_ = false;
  std::uint16_t machine_ = 0;
  std::vector<Section> sections_;
  std::string soname_;
  std::vector<std::string> needed_;
};

}  // namespace sbomhub::generate::elf
