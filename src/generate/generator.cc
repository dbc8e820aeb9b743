#include "generate/generator.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>
#include <set>
#include <unordered_map>
#include <utility>

#include "base/file.h"
#include "base/sha256.h"
#include "base/text.h"

#ifndef SBOMHUB_VERSION
#define SBOMHUB_VERSION "0.0.0"
#endif

namespace sbomhub::generate {

std::string_view BaseName(std::string_view relative_path) {
  std::size_t slash = relative_path.rfind('/');
  return slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
}

std::string_view DirName(std::string_view relative_path) {
  std::size_t slash = relative_path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : relative_path.substr(0, slash);
}

std::string JoinRelative(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

Environment ParseOsRelease(std::string_view text) {
  Environment env;
  for (std::string_view line : Split(text, '\n')) {
    line = TrimWhitespace(line);
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || line.starts_with('#')) continue;
    std::string_view key = line.substr(0, eq);
    std::string_view value = TrimWhitespace(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "ID") env.os_id = std::string(value);
    if (key == "VERSION_ID") env.os_version_id = std::string(value);
  }
  return env;
}

namespace {

constexpr std::uint64_t kMaxOsReleaseBytes = 64 << 10;

struct Found {
  model::Component component;
  std::size_t order;  // first-seen order, for stable merging
};

bool IsVcsDir(std::string_view name) { return name == ".git" || name == ".hg" || name == ".svn"; }

// node_modules is skipped when a lockfile beside it already describes what is installed there:
// scanning both would only repeat the lockfile's packages with less information.
bool NodeModulesCovered(const std::string& parent_abs) {
  static constexpr const char* kLockfiles[] = {"package-lock.json", "npm-shrinkwrap.json",
                                               "yarn.lock", "pnpm-lock.yaml"};
  struct stat st;
  for (const char* lock : kLockfiles) {
    std::string p = parent_abs + "/" + lock;
    if (::lstat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return true;
  }
  return false;
}

std::string JoinPath(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (out.empty() || out.back() != '/') out.push_back('/');
  out.append(name);
  return out;
}

std::string FormatUuid(const unsigned char b[16]) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

std::string RandomSerial() {
  std::random_device rd;
  unsigned char b[16];
  for (int i = 0; i < 16; i += 4) {
    unsigned v = rd();
    for (int j = 0; j < 4; ++j) b[i + j] = static_cast<unsigned char>(v >> (8 * j));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return FormatUuid(b);
}

// A name-based UUID (version 5 layout, SHA-256 instead of SHA-1) over the document's content.
std::string ContentSerial(std::string_view content) {
  std::string hex = Sha256Hex(content);
  unsigned char b[16];
  for (int i = 0; i < 16; ++i) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    b[i] = static_cast<unsigned char>(nib(hex[2 * i]) << 4 | nib(hex[2 * i + 1]));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x50);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return FormatUuid(b);
}

std::string Rfc3339(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void AddPropertyOnce(model::Component& c, std::string name, std::string value) {
  for (const auto& p : c.properties) {
    if (p.name == name && p.value == value) return;
  }
  c.properties.push_back({std::move(name), std::move(value)});
}

// Opens each path component with O_NOFOLLOW relative to the previous one, so no symlink (and no
// "..") can lead outside the root.
class RootedReader final : public TreeReader {
 public:
  explicit RootedReader(std::string root) : root_(std::move(root)) {}

  Result<std::string> ReadRelative(std::string_view relative_path, std::uint64_t max_bytes) const override {
    std::vector<std::string_view> parts;
    for (std::string_view part : Split(relative_path, '/')) {
      if (part.empty() || part == ".") continue;
      if (part == "..") return Status::InvalidArgument("'..' is not allowed in " + std::string(relative_path));
      parts.push_back(part);
    }
    if (parts.empty() || relative_path.starts_with('/')) {
      return Status::InvalidArgument("not a relative file path: " + std::string(relative_path));
    }
    int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(root_ + ": " + std::strerror(errno));
    for (std::size_t i = 0; i < parts.size(); ++i) {
      bool last = i + 1 == parts.size();
      std::string name(parts[i]);
      int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
      int next = ::openat(fd, name.c_str(), flags);
      int saved = errno;
      ::close(fd);
      if (next < 0) return Status::NotFound(std::string(relative_path) + ": " + std::strerror(saved));
      fd = next;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status::InvalidArgument(std::string(relative_path) + " is not a regular file");
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
      ::close(fd);
      return Status::TooLarge(std::string(relative_path) + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size) + kInputPadding);
    char buf[1 << 16];
    while (true) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      if (out.size() + static_cast<std::size_t>(n) > max_bytes) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
  }

 private:
  std::string root_;
};

class Walker {
 public:
  Walker(std::string root, const GenerateOptions& options,
         std::vector<const Cataloger*> catalogers, const Environment& env, GenerateOutput& out)
      : root_(std::move(root)), options_(options), catalogers_(std::move(catalogers)),
        env_(env), out_(out), reader_(root_) {}

  Status Run() {
    struct stat st;
    if (::stat(root_.c_str(), &st) != 0) {
      return Status::IoError("cannot scan " + root_ + ": " + std::strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) return Status::InvalidArgument(root_ + " is not a directory");
    root_dev_ = st.st_dev;
    for (const Cataloger* c : catalogers_) want_mode_bits_ = want_mode_bits_ || c->WantsModeBits();
    // Iterative depth-first walk; entries sorted by name so output order never depends on the
    // file system. Each directory is listed once, so the walk is linear in the tree size.
    std::vector<std::string> stack{""};
    while (!stack.empty()) {
      std::string rel = std::move(stack.back());
      stack.pop_back();
      std::vector<std::string> subdirs;
      ScanDirectory(rel, subdirs);
      for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(std::move(*it));
    }
    return Status::Ok();
  }

  std::vector<Found>& found() { return found_; }
  std::vector<model::DependencyEdge>& edges() { return edges_; }
  std::set<std::string>& complete_refs() { return complete_refs_; }

 private:
  std::string Abs(const std::string& rel) const { return rel.empty() ? root_ : JoinPath(root_, rel); }

  void ScanDirectory(const std::string& rel, std::vector<std::string>& subdirs) {
    std::string abs = Abs(rel);
    // The root may itself be a symlink the user named; nothing below it is followed.
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (rel.empty() ? 0 : O_NOFOLLOW);
    int fd = ::open(abs.c_str(), flags);
    DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
    if (dir == nullptr) {
      if (fd >= 0) ::close(fd);
      out_.diagnostics.Add({Severity::kWarning, "generate.walk.unreadable",
                            std::string("cannot list directory: ") + std::strerror(errno),
                            rel.empty() ? "." : rel});
      return;
    }
    ++out_.stats.directories;
    struct Entry {
      std::string name;
      unsigned char type;
    };
    std::vector<Entry> entries;
    while (dirent* e = ::readdir(dir)) {
      std::string_view n = e->d_name;
      if (n == "." || n == "..") continue;
      entries.push_back({std::string(n), e->d_type});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    for (Entry& entry : entries) {
      const std::string& name = entry.name;
      struct stat st;
      bool have_stat = false;
      if (entry.type == DT_UNKNOWN) {
        if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        have_stat = true;
        entry.type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
      }
      std::string child_rel = rel.empty() ? name : rel + "/" + name;
      if (entry.type == DT_DIR) {
        if (IsVcsDir(name)) continue;
        if (options_.one_file_system) {
          if (!have_stat && ::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
          if (st.st_dev != root_dev_) continue;
        }
        if (name == "node_modules" && NodeModulesCovered(abs)) continue;
        subdirs.push_back(std::move(child_rel));
      } else if (entry.type == DT_REG) {
        // Symlinks, devices, FIFOs and sockets are never opened: a FIFO would block forever and
        // a symlink may point out of the root.
        ++out_.stats.files_seen;
        FileInfo info{std::move(child_rel), 0, false};
        if (want_mode_bits_) {
          if (!have_stat && ::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
          have_stat = true;
          info.size = static_cast<std::uint64_t>(st.st_size);
          info.executable = (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
        }
        VisitFile(info, JoinPath(abs, name));
      }
    }
    ::closedir(dir);
  }

  void VisitFile(const FileInfo& info, const std::string& abs) {
    std::vector<const Cataloger*> takers;
    for (const Cataloger* c : catalogers_) {
      if (c->Accepts(info)) takers.push_back(c);
    }
    if (takers.empty()) return;
    struct stat st;
    if (::lstat(abs.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (static_cast<std::uint64_t>(st.st_size) > options_.max_file_bytes) {
      out_.diagnostics.Add({Severity::kWarning, "generate.file.too-large",
                            "skipped: " + std::to_string(st.st_size) + " bytes is over the " +
                                std::to_string(options_.max_file_bytes) + "-byte limit",
                            info.relative_path});
      return;
    }
    Result<std::string> bytes = ReadFile(abs, options_.max_file_bytes);
    if (!bytes.ok()) {
      out_.diagnostics.Add({Severity::kWarning, "generate.file.unreadable",
                            bytes.status().message(), info.relative_path});
      return;
    }
    ++out_.stats.files_cataloged;
    out_.stats.bytes_read += bytes->size();
    const std::string sha = Sha256Hex(*bytes);
    for (const Cataloger* c : takers) {
      CatalogOutput co;
      CatalogInput in{info, *bytes, sha, env_, &reader_};
      Status s = c->Catalog(in, co);
      for (Diagnostic& d : co.diagnostics.items()) {
        if (d.file.empty()) d.file = info.relative_path;
        out_.diagnostics.Add(std::move(d));
      }
      if (!s.ok()) {
        out_.diagnostics.Add({Severity::kError, "generate." + std::string(c->Name()) + ".parse",
                              "skipped by the " + std::string(c->Name()) +
                                  " cataloger: " + s.message(),
                              info.relative_path});
        continue;
      }
      for (model::Component& comp : co.components) {
        AddPropertyOnce(comp, "sbomhub:cataloger", std::string(c->Name()));
        AddPropertyOnce(comp, "sbomhub:source-file", info.relative_path);
        AddPropertyOnce(comp, "sbomhub:source-file-sha256", sha);
        found_.push_back({std::move(comp), found_.size()});
      }
      for (auto& e : co.edges) edges_.push_back(std::move(e));
      for (auto& r : co.dependency_known) complete_refs_.insert(std::move(r));
    }
  }

  std::string root_;
  const GenerateOptions& options_;
  std::vector<const Cataloger*> catalogers_;
  const Environment& env_;
  GenerateOutput& out_;
  RootedReader reader_;
  dev_t root_dev_ = 0;
  bool want_mode_bits_ = false;
  std::vector<Found> found_;
  std::vector<model::DependencyEdge> edges_;
  std::set<std::string> complete_refs_;
};

void MergeInto(model::Component& kept, model::Component&& dup) {
  for (auto& p : dup.properties) AddPropertyOnce(kept, std::move(p.name), std::move(p.value));
  for (auto& h : dup.hashes) {
    if (std::find(kept.hashes.begin(), kept.hashes.end(), h) == kept.hashes.end()) {
      kept.hashes.push_back(std::move(h));
    }
  }
  if (kept.licenses.empty()) kept.licenses = std::move(dup.licenses);
  if (!kept.supplier && dup.supplier) kept.supplier = std::move(dup.supplier);
  if (kept.author.empty()) kept.author = std::move(dup.author);
  if (kept.description.empty()) kept.description = std::move(dup.description);
  for (auto& c : dup.cpes) {
    if (std::find(kept.cpes.begin(), kept.cpes.end(), c) == kept.cpes.end()) {
      kept.cpes.push_back(std::move(c));
    }
  }
  // A package seen as required anywhere is required.
  if (dup.scope == model::Scope::kRequired || kept.scope == model::Scope::kUnspecified) {
    kept.scope = dup.scope;
  }
}

// "pkg:pypi/requests@2.0?x=y" -> "pkg:pypi/requests" ('@' inside names is always encoded).
std::string_view VersionlessPurl(std::string_view purl) {
  std::size_t end = purl.find_first_of("@?#");
  return purl.substr(0, end);
}

std::string SourceFile(const model::Component& c) {
  for (const auto& p : c.properties) {
    if (p.name == "sbomhub:source-file") return p.value;
  }
  return {};
}

// The directory two levels above a source file: "lib/site-packages" for
// "lib/site-packages/x.dist-info/METADATA". Packages installed side by side share it.
std::string_view InstallRoot(std::string_view path) {
  for (int i = 0; i < 2; ++i) {
    std::size_t slash = path.rfind('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  }
  return path;
}

void ResolveByNameEdges(const std::vector<model::Component>& components,
                        std::vector<model::DependencyEdge>& edges) {
  bool any = false;
  for (const auto& e : edges) any = any || e.to.starts_with(kByNamePrefix);
  if (!any) return;
  // Keys: the version-less purl, and "soname:<SONAME>" for shared libraries.
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;
  std::unordered_map<std::string_view, std::size_t> by_ref;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (!components[i].purl.empty()) by_name[std::string(VersionlessPurl(components[i].purl))].push_back(i);
    for (const auto& p : components[i].properties) {
      if (p.name == "sbomhub:elf:soname") by_name["soname:" + p.value].push_back(i);
    }
    by_ref.emplace(components[i].bom_ref, i);
  }
  for (auto& e : edges) {
    if (!e.to.starts_with(kByNamePrefix)) continue;
    std::string_view want = std::string_view(e.to).substr(kByNamePrefix.size());
    auto it = by_name.find(std::string(want));
    auto from = by_ref.find(e.from);
    std::string resolved;
    if (it != by_name.end() && from == by_ref.end()) {
      // From the project (or an unknown package): only an unambiguous name resolves.
      if (it->second.size() == 1) resolved = components[it->second.front()].bom_ref;
    } else if (it != by_name.end()) {
      std::string from_file = SourceFile(components[from->second]);
      for (std::size_t i : it->second) {
        if (InstallRoot(SourceFile(components[i])) == InstallRoot(from_file)) {
          resolved = components[i].bom_ref;
          break;
        }
      }
      if (resolved.empty() && it->second.size() == 1) resolved = components[it->second.front()].bom_ref;
    }
    e.to = std::move(resolved);  // empty: dropped as unresolved below
  }
}

std::string RootName(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path canon = std::filesystem::weakly_canonical(root, ec);
  if (ec) canon = root;
  std::string name = canon.filename().string();
  if (name.empty()) name = canon.parent_path().filename().string();
  return name.empty() ? "root" : name;
}

}  // namespace

Result<GenerateOutput> Generate(const std::filesystem::path& root, const GenerateOptions& options) {
  std::vector<const Cataloger*> selected;
  if (options.catalogers.empty()) {
    selected = AllCatalogers();
  } else {
    for (const std::string& name : options.catalogers) {
      auto it = std::find_if(AllCatalogers().begin(), AllCatalogers().end(),
                             [&](const Cataloger* c) { return c->Name() == name; });
      if (it == AllCatalogers().end()) {
        std::string valid;
        for (const Cataloger* c : AllCatalogers()) valid += (valid.empty() ? "" : ", ") + std::string(c->Name());
        return Status::InvalidArgument("unknown cataloger '" + name + "' (valid: " + valid + ")");
      }
      if (std::find(selected.begin(), selected.end(), *it) == selected.end()) selected.push_back(*it);
    }
  }

  GenerateOutput out;
  std::string root_str = root.string();
  if (root_str.empty()) root_str = ".";

  Environment env;
  for (const char* rel : {"etc/os-release", "usr/lib/os-release"}) {
    Result<std::string> text = ReadFile(JoinPath(root_str, rel), kMaxOsReleaseBytes);
    if (text.ok()) {
      env = ParseOsRelease(*text);
      break;
    }
  }

  Walker walker(root_str, options, selected, env, out);
  SBOMHUB_RETURN_IF_ERROR(walker.Run());

  model::Sbom& sbom = out.sbom;
  sbom.family = model::SpecFamily::kCycloneDx;
  sbom.spec_version = "1.6";
  sbom.encoding = model::Encoding::kJson;

  model::Component primary;
  primary.type = model::ComponentType::kApplication;
  primary.name = options.name.empty() ? RootName(root) : options.name;
  primary.version = options.version;
  if (!options.supplier.empty()) {
    primary.supplier = model::Party{model::Party::Kind::kOrganization, options.supplier, {}, {}};
    sbom.supplier = *primary.supplier;
  }
  primary.bom_ref = "sbomhub:primary:" + primary.name + (primary.version.empty() ? "" : "@" + primary.version);
  sbom.document_name = primary.name;

  // De-duplicate: first occurrence (walk order is sorted, so deterministic) wins, later ones add
  // their source files and fill gaps.
  std::unordered_map<std::string, std::size_t> index;
  std::vector<model::Component> components;
  for (Found& f : walker.found()) {
    auto [it, inserted] = index.emplace(f.component.bom_ref, components.size());
    if (inserted) {
      components.push_back(std::move(f.component));
    } else {
      MergeInto(components[it->second], std::move(f.component));
    }
  }
  std::sort(components.begin(), components.end(),
            [](const model::Component& a, const model::Component& b) { return a.bom_ref < b.bom_ref; });

  ResolveByNameEdges(components, walker.edges());

  std::set<std::pair<std::string, std::string>> seen_edges;
  std::vector<model::DependencyEdge> edges;
  std::size_t dangling = 0;
  for (model::DependencyEdge& e : walker.edges()) {
    if (e.from.empty()) e.from = primary.bom_ref;
    bool from_ok = e.from == primary.bom_ref || index.count(e.from) != 0;
    if (!from_ok || index.count(e.to) == 0 || e.from == e.to) {
      ++dangling;
      continue;
    }
    if (!seen_edges.emplace(e.from, e.to).second) continue;
    edges.push_back(std::move(e));
  }
  if (dangling > 0) {
    out.diagnostics.Add({Severity::kInfo, "generate.edge.unresolved",
                         std::to_string(dangling) +
                             " dependency edges name packages that were not found and were dropped",
                         ""});
  }
  std::sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });

  sbom.dependency_refs.push_back(primary.bom_ref);
  for (const model::Component& c : components) {
    if (walker.complete_refs().count(c.bom_ref) != 0) sbom.dependency_refs.push_back(c.bom_ref);
  }
  for (const auto& e : edges) {
    if (walker.complete_refs().count(e.from) == 0 && e.from != primary.bom_ref) {
      sbom.dependency_refs.push_back(e.from);
    }
  }
  std::sort(sbom.dependency_refs.begin() + 1, sbom.dependency_refs.end());
  sbom.dependency_refs.erase(std::unique(sbom.dependency_refs.begin(), sbom.dependency_refs.end()),
                             sbom.dependency_refs.end());

  sbom.tools.push_back(model::Tool{"sbomhub", "sbomhub", SBOMHUB_VERSION});
  if (!options.author.empty()) {
    sbom.authors.push_back(model::Party{model::Party::Kind::kUnspecified, options.author, {}, {}});
  }
  sbom.components = std::move(components);
  sbom.dependencies = std::move(edges);
  sbom.primary = std::move(primary);

  if (options.reproducible) {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
      char* end = nullptr;
      long long v = std::strtoll(epoch, &end, 10);
      if (end != epoch && *end == '\0' && v >= 0) sbom.timestamp = Rfc3339(static_cast<std::time_t>(v));
    }
    std::string content = sbom.primary->bom_ref;
    for (const auto& c : sbom.components) content += "\n" + c.bom_ref;
    for (const auto& e : sbom.dependencies) content += "\n" + e.from + ">" + e.to;
    sbom.serial_number = ContentSerial(content);
  } else {
    sbom.timestamp = Rfc3339(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
    sbom.serial_number = RandomSerial();
  }
  return out;
}

std::vector<std::string> MissingNtiaElements(const model::Sbom& sbom) {
  std::vector<std::string> missing;
  std::size_t total = 0, no_supplier = 0, no_name = 0, no_version = 0, no_id = 0;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    ++total;
    if (!c.supplier || c.supplier->name.empty()) ++no_supplier;
    if (c.name.empty()) ++no_name;
    if (c.version.empty()) ++no_version;
    if (c.purl.empty() && c.cpes.empty() && c.swid_tag_id.empty()) ++no_id;
  });
  auto report = [&](std::size_t n, const char* what) {
    if (n > 0) {
      missing.push_back(std::string(what) + ": missing for " + std::to_string(n) + " of " +
                        std::to_string(total) + " components");
    }
  };
  report(no_supplier, "supplier name");
  report(no_name, "component name");
  report(no_version, "version of the component");
  report(no_id, "other unique identifiers (purl/CPE/SWID)");
  if (sbom.dependencies.empty() && total > 1) missing.push_back("dependency relationship: none recorded");
  if (sbom.authors.empty()) missing.push_back("author of SBOM data: not set (use --author)");
  if (sbom.timestamp.empty()) missing.push_back("timestamp: omitted (--reproducible without SOURCE_DATE_EPOCH)");
  return missing;
}

}  // namespace sbomhub::generate
