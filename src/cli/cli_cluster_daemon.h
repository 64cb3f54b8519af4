#pragma once

#include <string>
#include <vector>

#include "eddy/common/configuration.h"

namespace eddy::cli {

// Starts the session cluster as a daemon, as Flink's start-cluster.sh: a background process
// (`eddy cluster start-foreground` in a new session) writing its log to
// <log dir>/eddy-<user>-standalonesession-0-<host>.log and its stdout to the .out file
// beside it, its pid to <pid dir>/eddy-<user>-standalonesession.pid. The log dir is
// $EDDY_LOG_DIR, else env.log.dir, else ./log; the pid dir $EDDY_PID_DIR, else
// env.pid.dir, else /tmp. Returns once the REST API answers; the exit code.
int startClusterDaemon(const Configuration& configuration, const std::vector<std::string>& dynamic_properties);

// Stops the daemon of the pid file (SIGTERM: it cancels its jobs and exits; SIGKILL after
// 30 s), as Flink's stop-cluster.sh; the exit code.
int stopClusterDaemon(const Configuration& configuration);

}  // namespace eddy::cli
