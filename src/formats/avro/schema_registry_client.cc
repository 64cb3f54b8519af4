#include "formats/avro/schema_registry_client.h"

#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <simdjson.h>

#include "formats/json/jackson_text.h"

namespace eddy::formats::avro {

namespace {

// The "message" of a registry error body ({"error_code":40403,"message":"Schema not found"}),
// or the body itself.
std::string registryMessage(const std::string& body) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  std::string_view message;
  if (parser.iterate(padded).get(doc) == simdjson::SUCCESS && doc["message"].get_string().get(message) == simdjson::SUCCESS) {
    return std::string(message);
  }
  return body;
}

// Why a request got no answer, in words (httplib's names are single words: "Connection").
std::string failureText(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect";
    case httplib::Error::ConnectionTimeout:
      return "connecting timed out";
    case httplib::Error::Read:
      return "no answer (read failed or timed out)";
    case httplib::Error::Write:
      return "could not send the request";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
      return "TLS handshake failed";
    default:
      return httplib::to_string(error);
  }
}

std::string trim(std::string text) {
  const size_t begin = text.find_first_not_of(" \t");
  const size_t end = text.find_last_not_of(" \t");
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

}  // namespace

// One registry URL: the client of its scheme, host and port, the path before the API's, and
// the URL as shown in messages (without user info).
struct SchemaRegistryClient::Endpoint {
  std::unique_ptr<httplib::Client> client;
  std::string base_path;
  std::string display_url;
};

Result<std::unique_ptr<SchemaRegistryClient>> SchemaRegistryClient::create(const AvroConfluentFormatOptions& options) {
  std::string user_info;
  if (options.basic_auth_credentials_source == "USER_INFO") {
    if (!options.basic_auth_user_info || options.basic_auth_user_info->empty()) {
      return InvalidArgument("UserInfo must be provided when basic.auth.credentials.source is set to USER_INFO");
    }
    user_info = *options.basic_auth_user_info;
  }
  std::vector<Endpoint> endpoints;
  size_t start = 0;
  while (start <= options.url.size()) {
    const size_t comma = std::min(options.url.find(',', start), options.url.size());
    std::string url = trim(options.url.substr(start, comma - start));
    start = comma + 1;
    if (url.empty()) continue;
    const size_t scheme_end = url.find("://");
    const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") {
      return InvalidArgument(fmt::format("Invalid schema registry URL '{}': expected http(s)://host[:port][/path]",
                                         scheme_end == std::string::npos ? url : scheme + "://…"));
    }
    std::string authority = url.substr(scheme_end + 3);
    std::string path;
    if (size_t slash = authority.find('/'); slash != std::string::npos) {
      path = authority.substr(slash);
      authority.resize(slash);
      while (!path.empty() && path.back() == '/') path.pop_back();
    }
    std::string url_user_info;
    if (size_t at = authority.rfind('@'); at != std::string::npos) {
      url_user_info = authority.substr(0, at);
      authority = authority.substr(at + 1);
    }
    if (authority.empty()) return InvalidArgument("Invalid schema registry URL: no host in " + scheme + "://…");
    Endpoint endpoint;
    endpoint.display_url = scheme + "://" + authority + path;
    endpoint.base_path = path;
    endpoint.client = std::make_unique<httplib::Client>(scheme + "://" + authority);
    const std::string& credentials = options.basic_auth_credentials_source == "URL" ? url_user_info : user_info;
    if (!credentials.empty()) {
      const size_t colon = credentials.find(':');
      endpoint.client->set_basic_auth(credentials.substr(0, colon),
                                      colon == std::string::npos ? std::string() : credentials.substr(colon + 1));
    }
    const auto timeout = options.request_timeout;
    endpoint.client->set_connection_timeout(timeout);
    endpoint.client->set_read_timeout(timeout);
    endpoint.client->set_write_timeout(timeout);
    endpoints.push_back(std::move(endpoint));
  }
  if (endpoints.empty()) return InvalidArgument("The schema registry URL is empty");
  return std::unique_ptr<SchemaRegistryClient>(new SchemaRegistryClient(options, std::move(endpoints)));
}

SchemaRegistryClient::SchemaRegistryClient(const AvroConfluentFormatOptions& options, std::vector<Endpoint> endpoints)
    : options_(options), endpoints_(std::move(endpoints)) {}

SchemaRegistryClient::~SchemaRegistryClient() = default;

Result<SchemaRegistryClient::Response> SchemaRegistryClient::send(const std::string& method, const std::string& path,
                                                                  const std::string& body) {
  std::string last_error;
  auto backoff = options_.initial_backoff;
  const int attempts = std::max(1, options_.max_attempts);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    for (Endpoint& endpoint : endpoints_) {
      const std::string target = endpoint.base_path + path;
      httplib::Result result = method == "POST"
                                   ? endpoint.client->Post(target, body, "application/vnd.schemaregistry.v1+json")
                                   : endpoint.client->Get(target);
      if (!result) {
        last_error = fmt::format("{}: {}", endpoint.display_url, failureText(result.error()));
      } else if (result->status >= 500) {
        last_error = fmt::format("{}: HTTP {} {}", endpoint.display_url, result->status, registryMessage(result->body));
      } else {
        return Response{result->status, result->body};
      }
    }
    if (attempt < attempts) {
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
  }
  return IOError(fmt::format("Could not reach the schema registry after {} attempts: {}", attempts, last_error));
}

Result<int32_t> SchemaRegistryClient::registerSchema(const std::string& subject, const std::string& schema) {
  auto key = std::make_pair(subject, schema);
  if (auto it = ids_.find(key); it != ids_.end()) return it->second;
  std::string body = "{\"schema\":";
  json::appendJsonString(schema, body);
  body += '}';
  std::string path = "/subjects/";
  path += httplib::detail::encode_query_param(subject);
  path += "/versions";
  EDDY_ASSIGN_OR_RETURN(Response response, send("POST", path, body));
  if (response.status / 100 != 2) {
    return IOError(fmt::format("Could not register schema in registry under subject '{}': HTTP {} {}", subject,
                               response.status, registryMessage(response.body)));
  }
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(response.body);
  simdjson::ondemand::document doc;
  int64_t id = 0;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS || doc["id"].get_int64().get(id) != simdjson::SUCCESS) {
    return IOError("Could not register schema in registry: the answer has no id: " + response.body);
  }
  ids_.emplace(std::move(key), static_cast<int32_t>(id));
  return static_cast<int32_t>(id);
}

Result<std::string> SchemaRegistryClient::schemaById(int32_t id) {
  if (auto it = schemas_.find(id); it != schemas_.end()) return it->second;
  EDDY_ASSIGN_OR_RETURN(Response response, send("GET", fmt::format("/schemas/ids/{}", id), ""));
  if (response.status / 100 != 2) {
    return IOError(fmt::format("Could not find schema with id {} in registry: HTTP {} {}", id, response.status,
                               registryMessage(response.body)));
  }
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(response.body);
  simdjson::ondemand::document doc;
  std::string_view schema;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS || doc["schema"].get_string().get(schema) != simdjson::SUCCESS) {
    return IOError(fmt::format("Could not find schema with id {} in registry: the answer has no schema", id));
  }
  return schemas_.emplace(id, std::string(schema)).first->second;
}

}  // namespace eddy::formats::avro
