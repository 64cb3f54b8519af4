#pragma once

#include <string>

#include "eddy/common/configuration.h"
#include "eddy/common/status.h"

namespace eddy::cluster {

// Where a session cluster's REST API is, from Flink's keys: rest.address (default
// localhost) and rest.port (default 8081); the server binds rest.bind-address, else
// rest.address.
struct RestAddress {
  std::string host = "localhost";
  std::string bind_host = "localhost";
  int port = 8081;

  static Result<RestAddress> fromConfiguration(const Configuration& configuration);
};

// Runs a session cluster in this process until SIGTERM or SIGINT (Flink's
// StandaloneSessionClusterEntrypoint): a Dispatcher that runs the submitted jobs (the
// JobManager and one TaskManager in one process) and the REST API. On the signal it stops
// serving, cancels the running jobs and waits for them. REQUIRES: called before any other
// thread is started, so that every thread inherits the blocked signals.
Status runStandaloneSessionCluster(const Configuration& configuration, const std::string& version);

}  // namespace eddy::cluster
