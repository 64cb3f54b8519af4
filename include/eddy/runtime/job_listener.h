#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/checkpoint.h"
#include "eddy/runtime/checkpoint_stats.h"
#include "eddy/runtime/job_client.h"
#include "eddy/state/rocksdb/state_backend_config.h"

namespace eddy::runtime {

// One vertex (chain of operators) of a submitted job, as the REST API shows it.
struct JobVertexInfo {
  std::string name;
  int parallelism = 1;
  int max_parallelism = 128;
};

// What a job listener learns when a job starts.
struct JobSubmission {
  // Stays valid after the job's execute() returned, for as long as the listener keeps it.
  std::shared_ptr<JobClient> client;
  std::string job_name;
  std::vector<JobVertexInfo> vertices;
  // Milliseconds since the epoch.
  int64_t start_time = 0;
  std::shared_ptr<const CheckpointStatsTracker> checkpoint_stats;
  // The job's checkpointing and state backend settings (GET /jobs/:jobid/checkpoints/config).
  CheckpointConfig checkpoint_config;
  state::StateBackendConfig state_backend;
};

// Told of every job that a thread starts (Flink's JobListener.onJobSubmitted). The session
// cluster runs a job program's main function in a thread with a listener set, so that it
// gets a handle on the job the program starts. A job library carries its own copy of the
// runtime, so the listener is set through the C entry point below, found with dlsym.
class JobListener {
 public:
  virtual ~JobListener() = default;
  // Called from the thread that started the job, before executeAsync returns.
  virtual void onJobSubmitted(const JobSubmission& submission) = 0;
};

// The listener of jobs started from the calling thread (null: none).
JobListener* threadJobListener();

}  // namespace eddy::runtime

// Sets the listener of jobs started from the calling thread (null clears it). Exported
// under this C name so that a process can find it in a job library.
extern "C" void eddySetThreadJobListener(eddy::runtime::JobListener* listener);
inline constexpr const char* kEddySetThreadJobListenerSymbol = "eddySetThreadJobListener";
