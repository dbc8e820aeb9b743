#include "generate/elf/elf_file.h"

#include <elf.h>

#include <cstring>

namespace sbomhub::generate::elf {

namespace {
constexpr std::size_t kMaxSections = 1 << 16;
constexpr std::size_t kMaxDynamicEntries = 1 << 16;
constexpr std::size_t kMaxNotes = 1 << 12;

bool InRange(std::string_view bytes, std::uint64_t off, std::uint64_t size) {
  return off <= bytes.size() && size <= bytes.size() - off;
}

// NUL-terminated string at `off` inside `table`; empty when out of range or unterminated.
std::string_view CString(std::string_view table, std::uint64_t off) {
  if (off >= table.size()) return {};
  std::size_t end = table.find('\0', off);
  if (end == std::string_view::npos) return {};
  return table.substr(off, end - off);
}
}  // namespace

bool LooksLikeElf(std::string_view bytes) {
  return bytes.size() >= EI_NIDENT && std::memcmp(bytes.data(), ELFMAG, SELFMAG) == 0;
}

std::uint16_t ElfFile::U16(std::size_t off) const {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + off);
  return big_endian_ ? static_cast<std::uint16_t>(p[0] << 8 | p[1]) : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}
std::uint32_t ElfFile::U32(std::size_t off) const {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + off);
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(p[big_endian_ ? 3 - i : i]) << (8 * i);
  return v;
}
std::uint64_t ElfFile::U64(std::size_t off) const {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + off);
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(p[big_endian_ ? 7 - i : i]) << (8 * i);
  return v;
}

Result<ElfFile> ElfFile::Parse(std::string_view bytes) {
  if (!LooksLikeElf(bytes)) return Status::ParseError("not an ELF file (bad magic)");
  ElfFile f;
  f.bytes_ = bytes;
  unsigned char cls = static_cast<unsigned char>(bytes[EI_CLASS]);
  unsigned char data = static_cast<unsigned char>(bytes[EI_DATA]);
  if (cls != ELFCLASS32 && cls != ELFCLASS64) return Status::ParseError("ELF: unknown class " + std::to_string(cls));
  if (data != ELFDATA2LSB && data != ELFDATA2MSB) return Status::ParseError("ELF: unknown data encoding");
  f.is_64_ = cls == ELFCLASS64;
  f.big_endian_ = data == ELFDATA2MSB;
  std::size_t ehsize = f.is_64_ ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
  if (bytes.size() < ehsize) return Status::ParseError("ELF: truncated header");
  f.machine_ = f.U16(18);
  std::uint64_t shoff = f.is_64_ ? f.U64(0x28) : f.U32(0x20);
  std::uint16_t shentsize = f.U16(f.is_64_ ? 0x3A : 0x2E);
  std::uint64_t shnum = f.U16(f.is_64_ ? 0x3C : 0x30);
  std::uint16_t shstrndx = f.U16(f.is_64_ ? 0x3E : 0x32);
  if (shoff == 0 || shnum == 0) return f;  // no section headers (sstripped): nothing to read
  std::size_t want = f.is_64_ ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
  if (shentsize < want) return Status::ParseError("ELF: section header entry too small");
  if (shnum > kMaxSections || !InRange(bytes, shoff, shnum * shentsize)) {
    return Status::ParseError("ELF: section header table out of range");
  }
  std::vector<std::uint32_t> name_offsets;
  for (std::uint64_t i = 0; i < shnum; ++i) {
    std::size_t h = static_cast<std::size_t>(shoff + i * shentsize);
    Section s;
    name_offsets.push_back(f.U32(h));
    s.type = f.U32(h + 4);
    if (f.is_64_) {
      s.address = f.U64(h + 0x10);
      s.offset = f.U64(h + 0x18);
      s.size = f.U64(h + 0x20);
    } else {
      s.address = f.U32(h + 0x0C);
      s.offset = f.U32(h + 0x10);
      s.size = f.U32(h + 0x14);
    }
    if (s.type != SHT_NOBITS && s.type != SHT_NULL && !InRange(bytes, s.offset, s.size)) {
      return Status::ParseError("ELF: section " + std::to_string(i) + " lies outside the file");
    }
    f.sections_.push_back(std::move(s));
  }
  if (shstrndx < f.sections_.size()) {
    std::string_view names = f.Contents(f.sections_[shstrndx]);
    for (std::size_t i = 0; i < f.sections_.size(); ++i) f.sections_[i].name = std::string(CString(names, name_offsets[i]));
  }
  SBOMHUB_RETURN_IF_ERROR(f.ReadDynamic());
  return f;
}

const Section* ElfFile::FindSection(std::string_view name) const {
  for (const Section& s : sections_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string_view ElfFile::Contents(const Section& s) const {
  if (s.type == SHT_NOBITS || s.type == SHT_NULL || !InRange(bytes_, s.offset, s.size)) return {};
  return bytes_.substr(static_cast<std::size_t>(s.offset), static_cast<std::size_t>(s.size));
}

Status ElfFile::ReadDynamic() {
  const Section* dyn = nullptr;
  for (const Section& s : sections_) {
    if (s.type == SHT_DYNAMIC) dyn = &s;
  }
  if (dyn == nullptr) return Status::Ok();
  // .dynamic's sh_link names its string table; fall back to .dynstr by name.
  const Section* strtab = FindSection(".dynstr");
  if (strtab == nullptr) return Status::Ok();
  std::string_view strings = Contents(*strtab);
  std::size_t entsize = is_64_ ? 16 : 8;
  std::size_t count = static_cast<std::size_t>(dyn->size / entsize);
  if (count > kMaxDynamicEntries) return Status::ParseError("ELF: dynamic section too large");
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t off = static_cast<std::size_t>(dyn->offset + i * entsize);
    std::uint64_t tag = Word(off);
    std::uint64_t val = Word(off + entsize / 2);
    if (tag == DT_NULL) break;
    if (tag == DT_NEEDED) {
      std::string_view n = CString(strings, val);
      if (!n.empty()) needed_.emplace_back(n);
    } else if (tag == DT_SONAME) {
      soname_ = std::string(CString(strings, val));
    }
  }
  return Status::Ok();
}

std::vector<Note> ElfFile::Notes() const {
  std::vector<Note> notes;
  for (const Section& s : sections_) {
    if (s.type != SHT_NOTE) continue;
    std::string_view data = Contents(s);
    std::size_t pos = 0;
    while (pos + 12 <= data.size() && notes.size() < kMaxNotes) {
      std::size_t base = static_cast<std::size_t>(s.offset) + pos;
      std::uint32_t namesz = U32(base), descsz = U32(base + 4), type = U32(base + 8);
      std::size_t name_pad = (static_cast<std::size_t>(namesz) + 3) & ~std::size_t{3};
      std::size_t desc_pad = (static_cast<std::size_t>(descsz) + 3) & ~std::size_t{3};
      if (name_pad > data.size() - pos - 12) break;
      if (desc_pad > data.size() - pos - 12 - name_pad) break;
      Note n;
      std::string_view owner = data.substr(pos + 12, namesz);
      while (!owner.empty() && owner.back() == '\0') owner.remove_suffix(1);
      n.owner = std::string(owner);
      n.type = type;
      n.desc = data.substr(pos + 12 + name_pad, descsz);
      notes.push_back(std::move(n));
      pos += 12 + name_pad + desc_pad;
    }
  }
  return notes;
}

std::string_view ElfFile::MachineName() const {
  switch (machine_) {
    case EM_X86_64: return "x86_64";
    case EM_386: return "i386";
    case EM_AARCH64: return "aarch64";
    case EM_ARM: return "arm";
    case EM_RISCV: return "riscv";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390x";
    case EM_MIPS: return "mips";
    default: return {};
  }
}

}  // namespace sbomhub::generate::elf
