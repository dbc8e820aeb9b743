#include "generate/oci/image.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/file.h"
#include "base/text.h"

namespace sbomhub::generate {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxManifestBytes = 16 << 20;

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

// libarchive may report a failure without a message (NULL).
std::string ArchiveError(archive* a) {
  const char* m = archive_error_string(a);
  return m != nullptr ? m : "unrecognised or damaged archive";
}

// Removes the scratch directory on every return path.
class ScratchDir {
 public:
  static Result<std::unique_ptr<ScratchDir>> Create() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/sbomhub-image-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) return Status::IoError("cannot create a scratch directory: " + std::string(std::strerror(errno)));
    return std::unique_ptr<ScratchDir>(new ScratchDir(tmpl));
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  explicit ScratchDir(fs::path p) : path_(std::move(p)) {}
  fs::path path_;
};

// "./a//b/" -> "a/b"; empty when the path is absolute or has a ".." component.
std::string CleanEntryPath(std::string_view p, bool* unsafe) {
  *unsafe = false;
  if (!p.empty() && p.front() == '/') {
    *unsafe = true;
    return {};
  }
  std::string out;
  for (std::string_view part : Split(p, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      *unsafe = true;
      return {};
    }
    if (!out.empty()) out.push_back('/');
    out.append(part);
  }
  return out;
}

// Every existing component of root/rel's parent must be a real directory, never a symlink, so
// nothing written or removed below can land outside `root`.
bool ParentIsSafe(const fs::path& root, std::string_view rel) {
  std::string current = root.string();
  std::vector<std::string_view> parts = Split(rel, '/');
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    current += "/";
    current += parts[i];
    struct stat st;
    if (::lstat(current.c_str(), &st) != 0) return errno == ENOENT;  // created later as a directory
    if (!S_ISDIR(st.st_mode)) return false;
  }
  return true;
}

Status MakeParents(const fs::path& root, std::string_view rel) {
  std::string current = root.string();
  std::vector<std::string_view> parts = Split(rel, '/');
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    current += "/";
    current += parts[i];
    if (::mkdir(current.c_str(), 0755) != 0 && errno != EEXIST) {
      return Status::IoError("cannot create " + current + ": " + std::strerror(errno));
    }
    struct stat st;
    if (::lstat(current.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      return Status::InvalidDocument("image entry path goes through a non-directory: " + std::string(rel));
    }
  }
  return Status::Ok();
}

struct ExtractState {
  const ImageLimits& limits;
  std::uint64_t total_bytes = 0;
  std::uint64_t entries = 0;
  Diagnostics& diagnostics;
  std::unordered_map<std::string, std::string>* layer_of = nullptr;  // rel path -> layer digest
  std::string layer;
};

void Skip(ExtractState& st, const std::string& archive_name, std::string_view entry, std::string_view why) {
  st.diagnostics.Add({Severity::kWarning, "generate.image.entry", "entry '" + Excerpt(entry) + "' " + std::string(why) + "; skipped",
                      archive_name});
}

Status WriteRegular(archive* a, const fs::path& target, mode_t mode, ExtractState& st, std::uint64_t layer_limit) {
  ::unlink(target.c_str());  // replace whatever a lower layer left (file or symlink, never followed)
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return Status::IoError("cannot create " + target.string() + ": " + std::strerror(errno));
  const void* buf;
  size_t size;
  la_int64_t offset;
  Status result;
  while (true) {
    int r = archive_read_data_block(a, &buf, &size, &offset);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      result = Status::ParseError(std::string("corrupt archive data: ") + ArchiveError(a));
      break;
    }
    st.total_bytes += size;
    if (st.total_bytes > st.limits.max_total_bytes || st.total_bytes > layer_limit) {
      result = Status::TooLarge("image expands past its limit (" + std::to_string(st.limits.max_total_bytes) +
                                " bytes in total or " + std::to_string(st.limits.max_ratio) + "x a layer's compressed size)");
      break;
    }
    if (::pwrite(fd, buf, size, offset) != static_cast<ssize_t>(size)) {
      result = Status::IoError("cannot write " + target.string() + ": " + std::strerror(errno));
      break;
    }
  }
  ::close(fd);
  return result;
}

// Unpacks one archive into `root`. `whiteouts` applies layer semantics.
Status Extract(const fs::path& archive_path, const fs::path& root, bool whiteouts, ExtractState& st) {
  std::error_code ec;
  std::uint64_t compressed = fs::file_size(archive_path, ec);
  if (ec) return Status::IoError("cannot read " + archive_path.string() + ": " + ec.message());
  std::uint64_t layer_limit = compressed * st.limits.max_ratio + (1 << 20);
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_filename(a.get(), archive_path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return Status::ParseError(archive_path.filename().string() + ": " + ArchiveError(a.get()));
  }
  const std::string name = archive_path.filename().string();
  archive_entry* entry;
  while (true) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return Status::ParseError(name + ": " + ArchiveError(a.get()));
    if (++st.entries > st.limits.max_entries) {
      return Status::TooLarge("image has more than " + std::to_string(st.limits.max_entries) + " entries");
    }
    const char* raw = archive_entry_pathname(entry);
    std::string_view raw_path = raw == nullptr ? std::string_view() : raw;
    bool unsafe = false;
    std::string rel = CleanEntryPath(raw_path, &unsafe);
    if (unsafe) {
      Skip(st, name, raw_path, "has an absolute path or '..'");
      continue;
    }
    if (rel.empty()) continue;
    if (!ParentIsSafe(root, rel)) {
      Skip(st, name, raw_path, "would be written through a symlink or a file");
      continue;
    }
    std::string_view base = BaseName(rel);
    fs::path target = root / rel;
    if (whiteouts && base == ".wh..wh..opq") {
      // Opaque directory: drop everything the lower layers put there.
      fs::path dir = target.parent_path();
      struct stat ds;
      if (::lstat(dir.c_str(), &ds) == 0 && S_ISDIR(ds.st_mode)) {
        std::vector<fs::path> children;  // collected first: removing while iterating is unspecified
        for (const auto& child : fs::directory_iterator(dir, ec)) children.push_back(child.path());
        for (const fs::path& child : children) fs::remove_all(child, ec);
      }
      continue;
    }
    if (whiteouts && StartsWith(base, ".wh.")) {
      fs::remove_all(target.parent_path() / std::string(base.substr(4)), ec);  // never follows links
      continue;
    }
    SBOMHUB_RETURN_IF_ERROR(MakeParents(root, rel));
    mode_t type = archive_entry_filetype(entry);
    mode_t perm = archive_entry_perm(entry) & 0777;  // no setuid/setgid/sticky
    const char* hardlink = archive_entry_hardlink(entry);
    if (hardlink != nullptr) {
      bool bad = false;
      std::string link_rel = CleanEntryPath(hardlink, &bad);
      struct stat ls;
      fs::path source = root / link_rel;
      if (bad || link_rel.empty() || !ParentIsSafe(root, link_rel) || ::lstat(source.c_str(), &ls) != 0 || !S_ISREG(ls.st_mode)) {
        Skip(st, name, raw_path, "is a hard link to a missing or unsafe target");
        continue;
      }
      ::unlink(target.c_str());
      if (::link(source.c_str(), target.c_str()) != 0) fs::copy_file(source, target, ec);
    } else if (type == AE_IFDIR) {
      struct stat ds;
      if (::lstat(target.c_str(), &ds) == 0 && !S_ISDIR(ds.st_mode)) ::unlink(target.c_str());
      if (::mkdir(target.c_str(), 0755) != 0 && errno != EEXIST) {
        return Status::IoError("cannot create " + target.string() + ": " + std::strerror(errno));
      }
    } else if (type == AE_IFLNK) {
      // Recreated as-is; the walker never follows links and extraction refuses to write through them.
      fs::remove_all(target, ec);
      const char* to = archive_entry_symlink(entry);
      if (to != nullptr && ::symlink(to, target.c_str()) != 0) Skip(st, name, raw_path, "could not be created as a symlink");
    } else if (type == AE_IFREG) {
      struct stat ds;
      if (::lstat(target.c_str(), &ds) == 0 && S_ISDIR(ds.st_mode)) fs::remove_all(target, ec);
      SBOMHUB_RETURN_IF_ERROR(WriteRegular(a.get(), target, perm | S_IRUSR | S_IWUSR, st, layer_limit));
    } else {
      continue;  // devices, FIFOs, sockets: not needed to catalog, never created
    }
    if (st.layer_of != nullptr) (*st.layer_of)[rel] = st.layer;
  }
  return Status::Ok();
}

Result<std::string> ReadSmall(const fs::path& p) { return ReadFile(p.string(), kMaxManifestBytes); }

struct Layout {
  std::vector<std::pair<fs::path, std::string>> layers;  // file, digest
  std::string name;                                      // first repo tag, if any
};

// "sha256:abc" -> root/blobs/sha256/abc (hex only: the digest names a file).
Result<fs::path> BlobPath(const fs::path& root, std::string_view digest) {
  std::size_t colon = digest.find(':');
  if (colon == std::string_view::npos) return Status::InvalidDocument("bad digest '" + Excerpt(digest) + "'");
  std::string_view alg = digest.substr(0, colon), hex = digest.substr(colon + 1);
  for (char c : std::string(alg) + std::string(hex)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return Status::InvalidDocument("bad digest '" + Excerpt(digest) + "'");
  }
  return root / "blobs" / std::string(alg) / std::string(hex);
}

Result<Layout> ReadLayout(const fs::path& root) {
  simdjson::dom::parser parser;
  Layout layout;
  if (fs::exists(root / "manifest.json")) {
    SBOMHUB_ASSIGN_OR_RETURN(std::string text, ReadSmall(root / "manifest.json"));
    simdjson::dom::element doc;
    if (parser.parse(text).get(doc) != simdjson::SUCCESS) return Status::ParseError("manifest.json: invalid JSON");
    simdjson::dom::array images, layers;
    simdjson::dom::element first;
    if (doc.get_array().get(images) != simdjson::SUCCESS || images.at(0).get(first) != simdjson::SUCCESS ||
        first["Layers"].get_array().get(layers) != simdjson::SUCCESS) {
      return Status::ParseError("manifest.json: expected [{\"Layers\": [...]}]");
    }
    std::string_view tag;
    if (first["RepoTags"].at(0).get_string().get(tag) == simdjson::SUCCESS) layout.name = std::string(tag);
    for (auto l : layers) {
      std::string_view p;
      if (l.get_string().get(p) != simdjson::SUCCESS) continue;
      bool unsafe = false;
      std::string rel = CleanEntryPath(p, &unsafe);
      if (unsafe || rel.empty()) return Status::InvalidDocument("manifest.json: unsafe layer path '" + Excerpt(p) + "'");
      // Newer docker saves layers as blobs/sha256/<hex>; older ones as <id>/layer.tar.
      std::string digest = StartsWith(rel, "blobs/sha256/") ? "sha256:" + rel.substr(13) : rel;
      layout.layers.emplace_back(root / rel, digest);
    }
    return layout;
  }
  if (fs::exists(root / "index.json")) {
    SBOMHUB_ASSIGN_OR_RETURN(std::string text, ReadSmall(root / "index.json"));
    simdjson::dom::element index;
    if (parser.parse(text).get(index) != simdjson::SUCCESS) return Status::ParseError("index.json: invalid JSON");
    std::string_view manifest_digest;
    if (index["manifests"].at(0)["digest"].get_string().get(manifest_digest) != simdjson::SUCCESS) {
      return Status::ParseError("index.json: no manifests[0].digest");
    }
    std::string_view ref;
    if (index["manifests"].at(0)["annotations"]["org.opencontainers.image.ref.name"].get_string().get(ref) == simdjson::SUCCESS) {
      layout.name = std::string(ref);
    }
    SBOMHUB_ASSIGN_OR_RETURN(fs::path manifest_path, BlobPath(root, manifest_digest));
    SBOMHUB_ASSIGN_OR_RETURN(std::string mtext, ReadSmall(manifest_path));
    simdjson::dom::parser mparser;
    simdjson::dom::element manifest;
    simdjson::dom::array layers;
    if (mparser.parse(mtext).get(manifest) != simdjson::SUCCESS || manifest["layers"].get_array().get(layers) != simdjson::SUCCESS) {
      return Status::ParseError("OCI manifest " + std::string(manifest_digest) + ": no layers (an index of indexes is not supported)");
    }
    for (auto l : layers) {
      std::string_view digest;
      if (l["digest"].get_string().get(digest) != simdjson::SUCCESS) continue;
      SBOMHUB_ASSIGN_OR_RETURN(fs::path p, BlobPath(root, digest));
      layout.layers.emplace_back(p, std::string(digest));
    }
    return layout;
  }
  return Status::ParseError("neither manifest.json (docker save) nor index.json (OCI layout) found");
}

}  // namespace

bool LooksLikeImage(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return true;
  return fs::is_directory(path, ec) && fs::exists(path / "index.json", ec) && fs::exists(path / "blobs", ec);
}

Result<GenerateOutput> GenerateFromImage(const fs::path& image, const GenerateOptions& options, const ImageLimits& limits) {
  SBOMHUB_ASSIGN_OR_RETURN(std::unique_ptr<ScratchDir> scratch, ScratchDir::Create());
  Diagnostics diagnostics;
  ExtractState st{limits, 0, 0, diagnostics};
  fs::path outer = image;
  std::error_code ec;
  if (fs::is_regular_file(image, ec)) {
    outer = scratch->path() / "image";
    fs::create_directory(outer, ec);
    Status s = Extract(image, outer, false, st);
    if (!s.ok()) return s.WithContext(image.string());
  }
  auto layout = ReadLayout(outer);
  if (!layout.ok()) return layout.status().WithContext(image.string());
  fs::path rootfs = scratch->path() / "rootfs";
  fs::create_directory(rootfs, ec);
  std::unordered_map<std::string, std::string> layer_of;
  st.layer_of = &layer_of;
  for (const auto& [path, digest] : layout->layers) {
    struct stat ls;
    if (::lstat(path.c_str(), &ls) != 0 || !S_ISREG(ls.st_mode)) {
      return Status::InvalidDocument(image.string() + ": layer " + digest + " is missing or not a regular file");
    }
    st.layer = digest;
    Status s = Extract(path, rootfs, true, st);
    if (!s.ok()) return s.WithContext(image.string() + ": layer " + digest);
  }

  GenerateOptions opts = options;
  if (opts.name.empty()) opts.name = layout->name.empty() ? image.stem().string() : layout->name;
  SBOMHUB_ASSIGN_OR_RETURN(GenerateOutput out, Generate(rootfs, opts));
  out.sbom.primary->type = model::ComponentType::kContainer;
  for (model::Component& c : out.sbom.components) {
    std::vector<std::string> layers;
    for (const auto& p : c.properties) {
      if (p.name != "sbomhub:source-file") continue;
      auto it = layer_of.find(p.value);
      if (it != layer_of.end()) layers.push_back(it->second);
    }
    for (std::string& l : layers) c.properties.push_back({"sbomhub:layer", std::move(l)});
  }
  for (Diagnostic& d : diagnostics.items()) out.diagnostics.Add(std::move(d));
  return out;
}

}  // namespace sbomhub::generate
