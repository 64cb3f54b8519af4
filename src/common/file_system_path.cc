#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "eddy/common/check.h"
#include "eddy/common/file_system.h"

namespace eddy {
namespace {

// Joins the non-empty, non-"." parts of `path` with single '/'s behind a leading '/'.
// InvalidArgument for a ".." part: checkpoint paths never need one, and resolving it without
// the file system could point somewhere else than the user meant.
Result<std::string> normalize(std::string_view path, std::string_view uri) {
  std::string out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(pos, end - pos);
    if (part == "..") return InvalidArgument(fmt::format("path '{}' has a '..' part", uri));
    if (!part.empty() && part != ".") {
      out.push_back('/');
      out.append(part);
    }
    pos = end + 1;
  }
  if (out.empty()) out = "/";
  return out;
}

bool isSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

}  // namespace

Result<Path> Path::parse(std::string_view uri) {
  if (uri.empty()) return InvalidArgument("empty path");
  std::string scheme;
  std::string authority;
  std::string_view rest = uri;
  const size_t colon = uri.find(':');
  if (colon != std::string_view::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(uri[0])) &&
      std::all_of(uri.begin(), uri.begin() + colon, isSchemeChar)) {
    scheme.assign(uri.substr(0, colon));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    rest = uri.substr(colon + 1);
    if (rest.starts_with("//")) {
      rest.remove_prefix(2);
      const size_t slash = rest.find('/');
      authority.assign(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    }
  }
  if (!rest.starts_with('/')) return InvalidArgument(fmt::format("path '{}' is not absolute", uri));
  EDDY_ASSIGN_OR_RETURN(std::string path, normalize(rest, uri));
  return Path(std::move(scheme), std::move(authority), std::move(path));
}

Path Path::child(std::string_view relative) const {
  EDDY_CHECK(!relative.empty());
  size_t pos = 0;
  while (pos <= relative.size()) {
    size_t end = std::min(relative.find('/', pos), relative.size());
    std::string_view part = relative.substr(pos, end - pos);
    EDDY_CHECK(!part.empty() && part != "." && part != "..");
    pos = end + 1;
  }
  return Path(scheme_, authority_, (path_ == "/" ? "" : path_) + "/" + std::string(relative));
}

Path Path::parent() const {
  const size_t slash = path_.rfind('/');
  return Path(scheme_, authority_, slash == 0 ? "/" : path_.substr(0, slash));
}

std::string_view Path::getName() const { return std::string_view(path_).substr(path_.rfind('/') + 1); }

std::string Path::toString() const {
  if (scheme_.empty()) return path_;
  return fmt::format("{}://{}{}", scheme_, authority_, path_);
}

}  // namespace eddy
