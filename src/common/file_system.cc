#include "eddy/common/file_system.h"

#include <fmt/format.h>

#include <map>
#include <mutex>

namespace eddy {
namespace {

// The factories by scheme. Looked up when a checkpoint location or a file connector opens,
// never per record, so a mutex is cheap enough.
struct Registry {
  Registry() {
    factories.emplace("file", [](const Path& uri) -> Result<std::shared_ptr<FileSystem>> {
      if (!uri.authority().empty()) {
        return InvalidArgument(fmt::format("local path '{}' has an authority", uri.toString()));
      }
      return std::shared_ptr<FileSystem>(LocalFileSystem::getSharedInstance());
    });
  }

  std::mutex mutex;
  std::map<std::string, FileSystem::Factory, std::less<>> factories;
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

Result<std::string> FileSystem::readFully(const Path& path) {
  EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataInputStream> in, open(path));
  std::string content;
  constexpr size_t kChunk = 64 * 1024;
  while (true) {
    const size_t old_size = content.size();
    content.resize(old_size + kChunk);
    EDDY_ASSIGN_OR_RETURN(size_t n, in->read(content.data() + old_size, kChunk));
    content.resize(old_size + n);
    if (n == 0) return content;
  }
}

Result<std::shared_ptr<FileSystem>> FileSystem::get(const Path& uri) {
  // A plain path is a local one, as Flink's default scheme is file://.
  const std::string scheme = uri.scheme().empty() ? "file" : uri.scheme();
  Factory factory;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    auto it = r.factories.find(scheme);
    if (it == r.factories.end()) return NotSupported(fmt::format("no file system for scheme '{}'", scheme));
    factory = it->second;
  }
  return factory(uri);
}

Result<std::shared_ptr<FileSystem>> FileSystem::get(std::string_view uri) {
  EDDY_ASSIGN_OR_RETURN(Path path, Path::parse(uri));
  return get(path);
}

void FileSystem::registerFileSystem(std::string scheme, Factory factory) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.factories.insert_or_assign(std::move(scheme), std::move(factory));
}

void FileSystem::unregisterFileSystem(const std::string& scheme) {
  if (scheme == "file") return;
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.factories.erase(scheme);
}

}  // namespace eddy
