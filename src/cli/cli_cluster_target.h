#pragma once

#include <string>
#include <vector>

#include "cluster/standalone_session_cluster.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"

namespace eddy::cli {

// The configuration a CLI verb works with: config.yaml of the configuration directory
// (none is fine) with the verb's -D key=value overrides on top.
Result<Configuration> loadCliConfiguration(const std::vector<std::string>& dynamic_properties);

// The cluster's REST address: -m host:port if given, else rest.address and rest.port.
Result<cluster::RestAddress> clusterAddress(const Configuration& configuration, const std::string& jobmanager);

// Prints Flink's frame around a failure of a CLI verb and returns the exit code 1.
int printProgramException(const std::string& message);

}  // namespace eddy::cli
