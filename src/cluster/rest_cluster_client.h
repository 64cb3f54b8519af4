#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "eddy/common/result.h"

namespace httplib {
class Client;
}  // namespace httplib

namespace eddy::cluster {

// An answer of the REST API: the HTTP status and the JSON body.
struct RestResponse {
  int code = 0;
  nlohmann::json body;

  bool ok() const { return code >= 200 && code < 300; }
  // The first entry of Flink's {"errors": [...]}, or the body.
  std::string errorMessage() const;
};

// Talks to a session cluster's REST API (Flink's RestClusterClient), for the CLI. An
// unreachable cluster is IOError naming the address. Not thread-safe.
class RestClusterClient {
 public:
  RestClusterClient(std::string host, int port);
  ~RestClusterClient();

  const std::string& address() const { return address_; }

  Result<RestResponse> get(const std::string& path);
  Result<RestResponse> post(const std::string& path, const nlohmann::json& body);
  Result<RestResponse> patch(const std::string& path);

 private:
  std::string address_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace eddy::cluster
