#include "cluster/rest_cluster_client.h"

#include <httplib.h>

#include <fmt/format.h>

namespace eddy::cluster {

namespace {

Result<RestResponse> toResponse(const httplib::Result& result, const std::string& address) {
  if (!result) {
    return IOError(fmt::format("Could not connect to the cluster at {}: {}", address,
                               httplib::to_string(result.error())));
  }
  RestResponse response;
  response.code = result->status;
  response.body = nlohmann::json::parse(result->body, nullptr, false);
  if (response.body.is_discarded()) response.body = result->body;
  return response;
}

}  // namespace

std::string RestResponse::errorMessage() const {
  if (body.is_object() && body.contains("errors") && body["errors"].is_array() && !body["errors"].empty()) {
    return body["errors"][0].is_string() ? body["errors"][0].get<std::string>() : body["errors"][0].dump();
  }
  return body.is_string() ? body.get<std::string>() : body.dump();
}

RestClusterClient::RestClusterClient(std::string host, int port)
    : address_(fmt::format("http://{}:{}", host, port)), client_(std::make_unique<httplib::Client>(host, port)) {
  client_->set_connection_timeout(std::chrono::seconds(2));
  client_->set_read_timeout(std::chrono::seconds(60));
}

RestClusterClient::~RestClusterClient() = default;

Result<RestResponse> RestClusterClient::get(const std::string& path) { return toResponse(client_->Get(path), address_); }

Result<RestResponse> RestClusterClient::post(const std::string& path, const nlohmann::json& body) {
  return toResponse(client_->Post(path, body.dump(), "application/json"), address_);
}

Result<RestResponse> RestClusterClient::patch(const std::string& path) {
  return toResponse(client_->Patch(path), address_);
}

}  // namespace eddy::cluster
