#include "cli/cli_cluster_target.h"

#include <cstdio>

#include <fmt/format.h>

namespace eddy::cli {

Result<Configuration> loadCliConfiguration(const std::vector<std::string>& dynamic_properties) {
  EDDY_ASSIGN_OR_RETURN(Configuration overrides, parseDynamicProperties(dynamic_properties));
  Configuration configuration;
  Result<Configuration> file = GlobalConfiguration::loadConfiguration();
  if (file.ok()) {
    configuration = std::move(file).value();
  } else if (file.status().code() != StatusCode::kNotFound) {
    return file.status();
  }
  configuration.addAll(overrides);
  return configuration;
}

Result<cluster::RestAddress> clusterAddress(const Configuration& configuration, const std::string& jobmanager) {
  EDDY_ASSIGN_OR_RETURN(cluster::RestAddress address, cluster::RestAddress::fromConfiguration(configuration));
  if (jobmanager.empty()) return address;
  size_t colon = jobmanager.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgument(fmt::format("Could not parse the JobManager address '{}': expected host:port", jobmanager));
  }
  address.host = jobmanager.substr(0, colon);
  try {
    address.port = std::stoi(jobmanager.substr(colon + 1));
  } catch (const std::exception&) {
    return InvalidArgument(fmt::format("Could not parse the JobManager address '{}': expected host:port", jobmanager));
  }
  return address;
}

int printProgramException(const std::string& message) {
  std::fprintf(stderr,
               "\n------------------------------------------------------------\n"
               " The program finished with the following exception:\n\n%s\n",
               message.c_str());
  return 1;
}

}  // namespace eddy::cli
