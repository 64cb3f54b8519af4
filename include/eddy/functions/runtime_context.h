#pragma once

#include <string>

namespace eddy {

// What a function knows about the parallel instance it runs in (Flink's RuntimeContext).
// Keyed functions get a KeyedRuntimeContext<K> with access to keyed state.
class RuntimeContext {
 public:
  RuntimeContext(std::string task_name, int subtask_index, int parallelism, int max_parallelism)
      : task_name_(std::move(task_name)),
        subtask_index_(subtask_index),
        parallelism_(parallelism),
        max_parallelism_(max_parallelism) {}
  virtual ~RuntimeContext() = default;

  const std::string& getTaskName() const { return task_name_; }
  int getIndexOfThisSubtask() const { return subtask_index_; }
  int getNumberOfParallelSubtasks() const { return parallelism_; }
  int getMaxNumberOfParallelSubtasks() const { return max_parallelism_; }

 private:
  std::string task_name_;
  int subtask_index_;
  int parallelism_;
  int max_parallelism_;
};

}  // namespace eddy
