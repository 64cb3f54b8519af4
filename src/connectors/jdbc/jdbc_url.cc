#include "eddy/connectors/jdbc/jdbc_url.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace eddy::connectors::jdbc {
namespace {

constexpr std::string_view kMask = "******";

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of a url component ('+' stays '+', as JDBC drivers read it).
std::string decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Status badUrl(std::string_view url, std::string_view why) {
  return InvalidArgument(fmt::format("invalid JDBC url '{}': {}", maskJdbcUrl(url), why));
}

}  // namespace

Result<JdbcUrl> JdbcUrl::parse(std::string_view url) {
  JdbcUrl parsed;
  constexpr std::string_view kPrefix = "jdbc:";
  if (url.substr(0, kPrefix.size()) != kPrefix) return badUrl(url, "it does not start with 'jdbc:'");
  std::string_view rest = url.substr(kPrefix.size());
  size_t scheme_end = rest.find("://");
  if (scheme_end == std::string_view::npos) return badUrl(url, "expected jdbc:<system>://host[:port]/database");
  parsed.scheme = std::string(rest.substr(0, scheme_end));
  if (parsed.scheme == "postgresql") {
    parsed.kind = JdbcDriverKind::kPostgres;
    parsed.port = 5432;
  } else if (parsed.scheme == "mysql" || parsed.scheme == "mariadb") {
    parsed.kind = JdbcDriverKind::kMySql;
    parsed.port = 3306;
  } else {
    return NotSupported(fmt::format("JDBC url '{}': the subprotocol '{}' is not supported (postgresql, mysql, mariadb are)",
                                    maskJdbcUrl(url), parsed.scheme));
  }
  rest = rest.substr(scheme_end + 3);

  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    parsed.database = decode(rest.substr(slash + 1));
  }
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view user_info = authority.substr(0, at);
    authority = authority.substr(at + 1);
    size_t colon = user_info.find(':');
    parsed.user = decode(user_info.substr(0, colon));
    if (colon != std::string_view::npos) parsed.password = decode(user_info.substr(colon + 1));
  }
  if (authority.find(',') != std::string_view::npos) {
    return NotSupported(fmt::format("JDBC url '{}': several hosts are not supported", maskJdbcUrl(url)));
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return badUrl(url, "unclosed '[' in the host");
    parsed.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return badUrl(url, "expected ':' after the host");
      port_text = after.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    parsed.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (parsed.host.empty()) return badUrl(url, "the host is missing");
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port <= 0 || port > 65535) {
      return badUrl(url, fmt::format("the port '{}' is not a number in 1..65535", port_text));
    }
    parsed.port = port;
  }
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
    parsed.params[key] = value;
  }
  if (auto it = parsed.params.find("user"); it != parsed.params.end()) parsed.user = it->second;
  if (auto it = parsed.params.find("password"); it != parsed.params.end()) parsed.password = it->second;
  return parsed;
}

std::string JdbcUrl::address() const {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port);
}

std::string maskJdbcUrl(std::string_view url) {
  std::string out(url);
  // User info: scheme://user:password@host.
  if (size_t start = out.find("://"); start != std::string::npos) {
    start += 3;
    size_t end = out.find_first_of("/?", start);
    size_t at = out.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= start) {
      size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, kMask);
    }
  }
  // password=... query parameters (any case), up to the next '&'.
  size_t query = out.find('?');
  while (query != std::string::npos && query < out.size()) {
    size_t key_start = query + 1;
    size_t eq = out.find('=', key_start);
    size_t amp = out.find('&', key_start);
    if (eq != std::string::npos && (amp == std::string::npos || eq < amp)) {
      std::string key = out.substr(key_start, eq - key_start);
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (key == "password") {
        size_t value_end = amp == std::string::npos ? out.size() : amp;
        out.replace(eq + 1, value_end - eq - 1, kMask);
        amp = out.find('&', eq + 1);
      }
    }
    query = amp;
  }
  return out;
}

}  // namespace eddy::connectors::jdbc
