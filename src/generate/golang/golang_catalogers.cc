#include "generate/golang/golang_catalogers.h"

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/elf/elf_file.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::golang {

namespace {

constexpr std::uint64_t kMaxGoSumBytes = 64ull << 20;
constexpr std::string_view kBuildInfoMagic = "\xff Go buildinf:";

// Splits a line into whitespace-separated words, dropping a trailing "// comment" but reporting
// whether it said "indirect".
std::vector<std::string_view> Words(std::string_view line, bool* indirect) {
  std::size_t comment = line.find("//");
  if (comment != std::string_view::npos) {
    if (indirect != nullptr) *indirect = line.substr(comment).find("indirect") != std::string_view::npos;
    line = line.substr(0, comment);
  }
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) {
      std::string_view w = line.substr(start, i - start);
      if (w.size() >= 2 && w.front() == '"' && w.back() == '"') w = w.substr(1, w.size() - 2);
      out.push_back(w);
    }
  }
  return out;
}

model::Component GoComponent(std::string_view path, std::string_view version) {
  model::Component c = PackageComponent(std::string(path), std::string(version), GoPurl(path, version));
  std::size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) {
    c.group = std::string(path.substr(0, slash));
    c.name = std::string(path.substr(slash + 1));
  }
  return c;
}

std::size_t ReadUvarint(std::string_view data, std::size_t& pos, bool& ok) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) {
      ok = false;
      return 0;
    }
    unsigned char b = static_cast<unsigned char>(data[pos++]);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      ok = true;
      return static_cast<std::size_t>(v);
    }
  }
  ok = false;
  return 0;
}

}  // namespace

std::string GoPurl(std::string_view module_path, std::string_view version) {
  std::size_t slash = module_path.rfind('/');
  std::string_view ns = slash == std::string_view::npos ? std::string_view() : module_path.substr(0, slash);
  std::string_view name = slash == std::string_view::npos ? module_path : module_path.substr(slash + 1);
  return SimplePurl("golang", ns, name, version);
}

bool GoModCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "go.mod"; }

Status GoModCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  std::string go_sum;
  if (input.tree != nullptr) {
    auto sum = input.tree->ReadRelative(JoinRelative(DirName(input.info.relative_path), "go.sum"), kMaxGoSumBytes);
    if (sum.ok()) go_sum = std::move(sum).value();
  }
  return ParseGoMod(input.bytes, go_sum, out);
}

Status ParseGoMod(std::string_view go_mod, std::string_view go_sum, CatalogOutput& out) {
  struct Require {
    std::string path, version;
    bool indirect;
    std::size_t line;
  };
  std::vector<Require> requires_list;
  std::unordered_map<std::string, std::pair<std::string, std::string>> replace;  // path[@v] -> new
  std::string module;
  std::string block;  // "require", "replace", ... inside "( ... )"
  std::size_t pos = 0, line_no = 0;
  while (pos < go_mod.size()) {
    std::size_t nl = go_mod.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? go_mod.size() : nl;
    std::string_view line = go_mod.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    bool indirect = false;
    std::vector<std::string_view> w = Words(line, &indirect);
    if (w.empty()) continue;
    std::string_view verb;
    std::size_t first = 0;
    if (!block.empty()) {
      if (w[0] == ")") {
        block.clear();
        continue;
      }
      verb = block;
    } else {
      verb = w[0];
      first = 1;
      if (w.size() == 2 && w[1] == "(") {
        block = std::string(verb);
        continue;
      }
    }
    std::vector<std::string_view> args(w.begin() + static_cast<std::ptrdiff_t>(first), w.end());
    if (verb == "module" && !args.empty()) {
      module = std::string(args[0]);
    } else if (verb == "require") {
      if (args.size() < 2) return Status::ParseError(AtLine(line_no, "require needs a module path and a version"));
      requires_list.push_back({std::string(args[0]), std::string(args[1]), indirect, line_no});
    } else if (verb == "replace") {
      // old [v] => new [v]
      std::size_t arrow = 0;
      while (arrow < args.size() && args[arrow] != "=>") ++arrow;
      if (arrow == 0 || arrow + 1 >= args.size()) return Status::ParseError(AtLine(line_no, "replace needs 'old => new'"));
      std::string key(args[0]);
      if (arrow == 2) key += "@" + std::string(args[1]);
      replace[key] = {std::string(args[arrow + 1]), arrow + 2 < args.size() ? std::string(args[arrow + 2]) : ""};
    } else if (verb != "go" && verb != "toolchain" && verb != "exclude" && verb != "retract" &&
               verb != "module" && verb != "godebug" && verb != "tool") {
      return Status::ParseError(AtLine(line_no, "unknown directive '" + Excerpt(verb) + "'"));
    }
  }
  if (module.empty()) return Status::ParseError("no module directive: not a go.mod file");

  std::unordered_map<std::string, std::string> h1;  // "path version" -> h1:...
  for (std::string_view line : Split(go_sum, '\n')) {
    std::vector<std::string_view> w = Words(line, nullptr);
    if (w.size() == 3 && !EndsWith(w[1], "/go.mod")) h1[std::string(w[0]) + " " + std::string(w[1])] = std::string(w[2]);
  }

  for (const Require& r : requires_list) {
    std::string path = r.path, version = r.version;
    auto it = replace.find(path + "@" + version);
    if (it == replace.end()) it = replace.find(path);
    std::string replaced_note;
    if (it != replace.end()) {
      if (!it->second.second.empty()) {
        replaced_note = path + " " + version;
        path = it->second.first;
        version = it->second.second;
      } else {
        replaced_note = "local:" + it->second.first;  // a directory replacement: the version stays
      }
    }
    model::Component c = GoComponent(path, version);
    c.scope = model::Scope::kRequired;
    if (!replaced_note.empty()) AddProperty(c, "sbomhub:go:replaces", replaced_note);
    auto sum = h1.find(path + " " + version);
    if (sum != h1.end()) AddProperty(c, "sbomhub:go:h1", sum->second);
    if (!r.indirect) out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
    out.components.push_back(std::move(c));
  }
  return Status::Ok();
}

bool GoBinaryCataloger::Accepts(const FileInfo& file) const { return file.executable; }

Status GoBinaryCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  if (!elf::LooksLikeElf(input.bytes)) return Status::Ok();
  return ParseGoBinary(input.bytes, out);
}

Status ParseGoBinary(std::string_view bytes, CatalogOutput& out) {
  std::string_view region;
  bool search = true;
  if (elf::LooksLikeElf(bytes)) {
    auto file = elf::ElfFile::Parse(bytes);
    if (file.ok()) {
      if (const elf::Section* s = file->FindSection(".go.buildinfo")) region = file->Contents(*s);
      // With section headers present and no .go.buildinfo, this is not a Go binary.
      search = file->sections().empty();
    }
  }
  if (region.empty()) {
    if (!search) return Status::Ok();
    // Stripped section headers: the blob is 16-byte aligned somewhere in the data segment.
    std::size_t at = bytes.find(kBuildInfoMagic);
    while (at != std::string_view::npos && at % 16 != 0) at = bytes.find(kBuildInfoMagic, at + 1);
    if (at == std::string_view::npos) return Status::Ok();
    region = bytes.substr(at);
  }
  if (region.size() < 32 || !StartsWith(region, kBuildInfoMagic)) return Status::Ok();
  unsigned char flags = static_cast<unsigned char>(region[15]);
  if ((flags & 2) == 0) {
    out.diagnostics.Info("generate.go-binary.old-format",
                         "Go build info in the pre-1.18 pointer format is not read");
    return Status::Ok();
  }
  std::size_t pos = 32;
  bool ok = false;
  std::size_t n = ReadUvarint(region, pos, ok);
  if (!ok || n > region.size() - pos) return Status::ParseError("Go build info: truncated version string");
  std::string_view go_version = region.substr(pos, n);
  pos += n;
  n = ReadUvarint(region, pos, ok);
  if (!ok || n > region.size() - pos) return Status::ParseError("Go build info: truncated module info");
  std::string_view modinfo = region.substr(pos, n);
  // The module info is wrapped in 16-byte sentinels.
  if (modinfo.size() >= 33 && modinfo[modinfo.size() - 17] == '\n') {
    modinfo = modinfo.substr(16, modinfo.size() - 32);
  }

  std::string main_ref;
  std::size_t last_dep = static_cast<std::size_t>(-1);  // index into deps of the last "dep" line
  std::vector<model::Component> deps;
  for (std::string_view line : Split(modinfo, '\n')) {
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() >= 3 && f[0] == "mod") {
      std::string version = f[2] == "(devel)" ? "" : std::string(f[2]);
      model::Component c = GoComponent(f[1], version);
      c.type = model::ComponentType::kApplication;
      if (f.size() >= 4 && !f[3].empty()) AddProperty(c, "sbomhub:go:h1", std::string(f[3]));
      main_ref = c.bom_ref;
      out.components.push_back(std::move(c));
    } else if (f.size() >= 3 && f[0] == "dep") {
      deps.push_back(GoComponent(f[1], f[2]));
      if (f.size() >= 4 && !f[3].empty()) AddProperty(deps.back(), "sbomhub:go:h1", std::string(f[3]));
      last_dep = deps.size() - 1;
    } else if (f.size() >= 3 && f[0] == "=>" && last_dep < deps.size()) {
      // The replacement is what was actually built.
      const model::Component& old = deps[last_dep];
      if (StartsWith(f[1], "./") || StartsWith(f[1], "../") || StartsWith(f[1], "/")) {
        // A directory replacement ("=> ./internal/x (devel)"): the code is the module's own
        // source, built from that directory. Keep the module path (a purl needs one; the
        // directory is not a module path) and drop the "(devel)" pseudo version.
        model::Component c = GoComponent(old.group.empty() ? old.name : old.group + "/" + old.name,
                                         old.version == "(devel)" ? "" : old.version);
        AddProperty(c, "sbomhub:go:replaces", "local:" + std::string(f[1]));
        deps[last_dep] = std::move(c);
        last_dep = static_cast<std::size_t>(-1);
        continue;
      }
      std::string note = old.group.empty() ? old.name : old.group + "/" + old.name;
      note += " " + old.version;
      model::Component c = GoComponent(f[1], f[2]);
      AddProperty(c, "sbomhub:go:replaces", note);
      if (f.size() >= 4 && !f[3].empty()) AddProperty(c, "sbomhub:go:h1", std::string(f[3]));
      deps[last_dep] = std::move(c);
      last_dep = static_cast<std::size_t>(-1);
    }
  }
  std::string toolchain(go_version);
  if (StartsWith(toolchain, "go")) toolchain = toolchain.substr(2);
  toolchain = toolchain.substr(0, toolchain.find(' '));  // "go1.22.1 X:boringcrypto"
  if (!toolchain.empty()) {
    model::Component std_lib = PackageComponent("stdlib", toolchain, SimplePurl("golang", "", "stdlib", toolchain));
    AddProperty(std_lib, "sbomhub:go:toolchain", std::string(go_version));
    deps.push_back(std::move(std_lib));
  }
  for (model::Component& d : deps) {
    if (!main_ref.empty()) out.edges.push_back({main_ref, d.bom_ref, model::RelationshipType::kDependsOn, "", ""});
    out.components.push_back(std::move(d));
  }
  if (!main_ref.empty()) out.dependency_known.push_back(main_ref);
  return Status::Ok();
}

}  // namespace sbomhub::generate::golang
