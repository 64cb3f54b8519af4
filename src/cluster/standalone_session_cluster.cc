#include "cluster/standalone_session_cluster.h"

#include <signal.h>

#include <thread>

#include "cluster/dispatcher.h"
#include "cluster/rest_server_endpoint.h"
#include "eddy/common/config_options.h"
#include "eddy/common/logging.h"

namespace eddy::cluster {

namespace {

const ConfigOption<std::string> kBindAddress =
    ConfigOptions::key("rest.bind-address").stringType().noDefaultValue().withDescription(
        "The address that the server binds itself.");

}  // namespace

Result<RestAddress> RestAddress::fromConfiguration(const Configuration& configuration) {
  RestAddress address;
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> host, configuration.getOptional(RestOptions::kAddress));
  if (host) address.host = *host;
  EDDY_ASSIGN_OR_RETURN(std::optional<std::string> bind, configuration.getOptional(kBindAddress));
  address.bind_host = bind.value_or(address.host);
  EDDY_ASSIGN_OR_RETURN(address.port, configuration.get(RestOptions::kPort));
  return address;
}

Status runStandaloneSessionCluster(const Configuration& configuration, const std::string& version) {
  EDDY_ASSIGN_OR_RETURN(RestAddress address, RestAddress::fromConfiguration(configuration));
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Dispatcher dispatcher(configuration);
  RestServerEndpoint rest(&dispatcher, version);
  EDDY_RETURN_IF_ERROR(rest.bind(address.bind_host, address.port));
  log::info("Starting StandaloneSessionClusterEntrypoint (Eddy {}), REST at http://{}:{}", version, address.host,
            address.port);
  std::thread signal_waiter([&rest, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    log::info("RECEIVED SIGNAL {}: {}. Shutting down as requested.", signal, strsignal(signal));
    rest.stop();
  });
  rest.serve();
  signal_waiter.join();
  dispatcher.shutdown();
  log::info("Terminating cluster entrypoint process StandaloneSessionClusterEntrypoint with exit code 0.");
  return Status::OK();
}

}  // namespace eddy::cluster
