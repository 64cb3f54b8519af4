#pragma once

#include <memory>
#include <string>

#include "cluster/dispatcher.h"
#include "eddy/common/result.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace eddy::cluster {

// The session cluster's REST API on Flink's paths with Flink's JSON field names (Flink's
// WebMonitorEndpoint): /config, /overview, /jobs, /jobs/overview, /jobs/:jobid (GET,
// PATCH to cancel), /jobs/:jobid/exceptions, /jobs/:jobid/checkpoints,
// /jobs/:jobid/savepoints[/:triggerid], /jobs/:jobid/stop, and POST /jars/run to run a
// job library on this machine. Errors are {"errors": [...]} with Flink's status codes.
//
// Lifecycle: bind → serve (blocks until stop) ; stop is thread-safe.
class RestServerEndpoint {
 public:
  RestServerEndpoint(Dispatcher* dispatcher, std::string flink_version);
  ~RestServerEndpoint();

  // Binds rest.bind-address (else rest.address, else localhost) and rest.port.
  Status bind(const std::string& address, int port);
  void serve();
  void stop();

 private:
  void registerRoutes();

  Dispatcher* dispatcher_;
  std::string flink_version_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace eddy::cluster
