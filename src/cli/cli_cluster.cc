#include "cli/cli_cluster.h"

#include <cstdio>

#include "cli/cli_cluster_daemon.h"
#include "cli/cli_cluster_target.h"
#include "cli/cli_job_verbs.h"
#include "cluster/rest_cluster_client.h"
#include "cluster/standalone_session_cluster.h"
#include "eddy/common/logging.h"

namespace eddy::cli {

ClusterCommands::ClusterCommands(CLI::App& app) {
  CLI::App* cluster = app.add_subcommand("cluster", "Starts or stops the session cluster on this machine");
  cluster->require_subcommand(1);
  cluster_start_ = cluster->add_subcommand("start", "Starts a session cluster in the background");
  cluster_start_foreground_ = cluster->add_subcommand("start-foreground", "Runs a session cluster in this process");
  cluster_stop_ = cluster->add_subcommand("stop", "Stops the session cluster (its running jobs are cancelled)");
  for (CLI::App* command : {cluster_start_, cluster_start_foreground_, cluster_stop_}) {
    command->add_option("-D", dynamic_properties_, "Configuration override key=value (repeatable)")
        ->allow_extra_args(false);
  }

  list_ = app.add_subcommand("list", "Lists the running jobs of the session cluster");
  cancel_ = app.add_subcommand("cancel", "Cancels a running job");
  savepoint_ = app.add_subcommand("savepoint", "Triggers a savepoint of a running job");
  stop_ = app.add_subcommand("stop", "Stops a running job with a savepoint");
  for (CLI::App* command : {list_, cancel_, savepoint_, stop_}) {
    command->add_option("-m,--jobmanager", jobmanager_, "Address of the JobManager's REST API (host:port)");
    command->add_option("-D", dynamic_properties_, "Configuration override key=value (repeatable)")
        ->allow_extra_args(false);
  }
  cancel_->add_option("jobid", job_id_, "The job's ID")->required();
  savepoint_->add_option("jobid", job_id_, "The job's ID")->required();
  savepoint_->add_option("targetDirectory", target_directory_,
                         "Where the savepoint goes (default: state.savepoints.dir)");
  stop_->add_option("-p,--savepointPath", target_directory_,
                    "Where the savepoint goes (default: state.savepoints.dir)");
  stop_->add_flag("-d,--drain", drain_, "Emit MAX_WATERMARK before taking the savepoint and stopping the pipeline");
  stop_->add_option("jobid", job_id_, "The job's ID")->required();
}

std::optional<int> ClusterCommands::runParsed(const std::string& version) {
  std::vector<CLI::App*> verbs = {cluster_start_, cluster_start_foreground_, cluster_stop_, list_, cancel_, savepoint_,
                                  stop_};
  bool parsed = false;
  for (CLI::App* verb : verbs) parsed |= verb->parsed();
  if (!parsed) return std::nullopt;
  Result<Configuration> configuration = loadCliConfiguration(dynamic_properties_);
  if (!configuration.ok()) return printProgramException(configuration.status().toString());
  if (cluster_start_->parsed()) return startClusterDaemon(*configuration, dynamic_properties_);
  if (cluster_stop_->parsed()) return stopClusterDaemon(*configuration);
  if (cluster_start_foreground_->parsed()) {
    (void)log::configure(*configuration);
    Status ran = cluster::runStandaloneSessionCluster(*configuration, version);
    if (!ran.ok()) std::fprintf(stderr, "%s\n", ran.toString().c_str());
    return ran.ok() ? 0 : 1;
  }
  Result<cluster::RestAddress> address = clusterAddress(*configuration, jobmanager_);
  if (!address.ok()) return printProgramException(address.status().message());
  cluster::RestClusterClient client(address->host, address->port);
  if (list_->parsed()) return listJobs(client);
  if (cancel_->parsed()) return cancelJob(client, job_id_);
  if (savepoint_->parsed()) return triggerSavepoint(client, job_id_, target_directory_);
  return stopWithSavepoint(client, job_id_, target_directory_, drain_);
}

}  // namespace eddy::cli
