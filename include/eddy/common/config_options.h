#pragma once

#include <array>
#include <chrono>
#include <limits>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/result.h"

namespace eddy {

// Durations (Flink's java.time.Duration) are std::chrono::nanoseconds in configuration
// values, so that "µs" and "ns" keep their precision. They are written in Flink's syntax:
// "200 ms", "5 s", "1min", "2 h"; a plain number is milliseconds.

// Parses Flink's duration syntax (TimeUtils.parseDuration): digits, optional spaces, an
// optional unit label (d, h, min/m, s, ms, µs, ns and their long forms), case-insensitive.
Result<std::chrono::nanoseconds> parseDuration(std::string_view text);
// The largest unit that loses no precision, as Flink's TimeUtils.formatWithHighestUnit:
// 60 s → "1 min", 3601 s → "3601 s", 0 → "0 ms".
std::string formatWithHighestUnit(std::chrono::nanoseconds duration);

// A number of bytes (Flink's MemorySize), written "64 mb", "1g", "512 kb" or a plain
// number of bytes. Units are binary (1 kb = 1024 bytes) and case-insensitive.
class MemorySize {
 public:
  constexpr MemorySize() = default;
  constexpr explicit MemorySize(int64_t bytes) : bytes_(bytes) {}
  static constexpr MemorySize ofMebiBytes(int64_t mebi_bytes) { return MemorySize(mebi_bytes << 20); }

  static Result<MemorySize> parse(std::string_view text);

  constexpr int64_t getBytes() const { return bytes_; }
  constexpr int64_t getKibiBytes() const { return bytes_ >> 10; }
  constexpr int64_t getMebiBytes() const { return bytes_ >> 20; }
  // The largest unit that divides the size exactly: "64 mb", "1536 kb", "100 bytes".
  std::string toString() const;

  friend constexpr bool operator==(MemorySize a, MemorySize b) { return a.bytes_ == b.bytes_; }

 private:
  int64_t bytes_ = 0;
};

// How a value of type T is read from and written to its string form in a Configuration.
// Specialized for each supported option type; a ConfigOption of any other type does not
// compile.
template <typename T, typename Enable = void>
struct ConfigValue;

#define EDDY_CONFIG_VALUE(T)                          \
  template <>                                         \
  struct ConfigValue<T> {                             \
    static Result<T> parse(std::string_view text);    \
    static std::string format(const T& value);        \
  }
EDDY_CONFIG_VALUE(int32_t);
EDDY_CONFIG_VALUE(int64_t);
EDDY_CONFIG_VALUE(bool);
EDDY_CONFIG_VALUE(double);
EDDY_CONFIG_VALUE(std::string);
EDDY_CONFIG_VALUE(std::chrono::nanoseconds);
EDDY_CONFIG_VALUE(MemorySize);
#undef EDDY_CONFIG_VALUE

// The constants of an enum option and their names; specialize with
// `static constexpr std::array<std::pair<E, std::string_view>, N> kValues`.
template <typename E>
struct EnumNames;

// Enum options read their constant's name case-insensitively, as Flink's convertToEnum.
template <typename E>
struct ConfigValue<E, std::enable_if_t<std::is_enum_v<E>>> {
  static Result<E> parse(std::string_view text) {
    for (const auto& [value, name] : EnumNames<E>::kValues) {
      if (equalsIgnoreCase(name, text)) return value;
    }
    std::string expected;
    for (const auto& entry : EnumNames<E>::kValues) {
      if (!expected.empty()) expected += ", ";
      expected += entry.second;
    }
    return InvalidArgument(fmt::format("Expected one of: [{}]", expected));
  }
  static std::string format(const E& value) {
    for (const auto& [constant, name] : EnumNames<E>::kValues) {
      if (constant == value) return std::string(name);
    }
    return std::to_string(static_cast<int64_t>(value));
  }

 private:
  static bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
      char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 'a' + 'A') : b[i];
      if (x != y) return false;
    }
    return true;
  }
};

// Another key an option is also read from when its own key is not set (Flink's
// FallbackKey). A deprecated key is an old name of the option; reading it logs a warning.
struct FallbackKey {
  std::string key;
  bool is_deprecated = false;
};

// A typed configuration option (Flink's ConfigOption): its key, default value (or none),
// description and fallback keys. Immutable; the with* methods return changed copies, so
// options can be built as constants with ConfigOptions::key(...).
template <typename T>
class ConfigOption {
 public:
  ConfigOption(std::string key, std::optional<T> default_value)
      : key_(std::move(key)), default_value_(std::move(default_value)) {}

  const std::string& key() const { return key_; }
  bool hasDefaultValue() const { return default_value_.has_value(); }
  const std::optional<T>& defaultValue() const { return default_value_; }
  const std::string& description() const { return description_; }
  const std::vector<FallbackKey>& fallbackKeys() const { return fallback_keys_; }

  ConfigOption withDescription(std::string description) const {
    ConfigOption copy = *this;
    copy.description_ = std::move(description);
    return copy;
  }
  ConfigOption withFallbackKeys(std::initializer_list<std::string_view> keys) const {
    return withKeys(keys, false);
  }
  ConfigOption withDeprecatedKeys(std::initializer_list<std::string_view> keys) const {
    return withKeys(keys, true);
  }

 private:
  ConfigOption withKeys(std::initializer_list<std::string_view> keys, bool deprecated) const {
    ConfigOption copy = *this;
    for (std::string_view k : keys) copy.fallback_keys_.push_back(FallbackKey{std::string(k), deprecated});
    return copy;
  }

  std::string key_;
  std::optional<T> default_value_;
  std::string description_;
  std::vector<FallbackKey> fallback_keys_;
};

// The second step of building an option: its default value.
template <typename T>
class TypedConfigOptionBuilder {
 public:
  explicit TypedConfigOptionBuilder(std::string key) : key_(std::move(key)) {}
  ConfigOption<T> defaultValue(T value) const { return ConfigOption<T>(key_, std::move(value)); }
  ConfigOption<T> noDefaultValue() const { return ConfigOption<T>(key_, std::nullopt); }

 private:
  std::string key_;
};

// The first step of building an option: its type.
class OptionBuilder {
 public:
  explicit OptionBuilder(std::string key) : key_(std::move(key)) {}
  TypedConfigOptionBuilder<int32_t> intType() const { return TypedConfigOptionBuilder<int32_t>(key_); }
  TypedConfigOptionBuilder<int64_t> longType() const { return TypedConfigOptionBuilder<int64_t>(key_); }
  TypedConfigOptionBuilder<bool> booleanType() const { return TypedConfigOptionBuilder<bool>(key_); }
  TypedConfigOptionBuilder<double> doubleType() const { return TypedConfigOptionBuilder<double>(key_); }
  TypedConfigOptionBuilder<std::string> stringType() const { return TypedConfigOptionBuilder<std::string>(key_); }
  TypedConfigOptionBuilder<std::chrono::nanoseconds> durationType() const {
    return TypedConfigOptionBuilder<std::chrono::nanoseconds>(key_);
  }
  TypedConfigOptionBuilder<MemorySize> memoryType() const { return TypedConfigOptionBuilder<MemorySize>(key_); }
  template <typename E>
  TypedConfigOptionBuilder<E> enumType() const {
    return TypedConfigOptionBuilder<E>(key_);
  }

 private:
  std::string key_;
};

// Builds options as Flink does: ConfigOptions::key("a.b").intType().defaultValue(1).
class ConfigOptions {
 public:
  static OptionBuilder key(std::string key) { return OptionBuilder(std::move(key)); }
};

// How a DataStream program runs (Flink's RuntimeExecutionMode).
enum class RuntimeExecutionMode { kStreaming, kBatch, kAutomatic };

template <>
struct EnumNames<RuntimeExecutionMode> {
  static constexpr std::array<std::pair<RuntimeExecutionMode, std::string_view>, 3> kValues{{
      {RuntimeExecutionMode::kStreaming, "STREAMING"},
      {RuntimeExecutionMode::kBatch, "BATCH"},
      {RuntimeExecutionMode::kAutomatic, "AUTOMATIC"},
  }};
};

// Flink's options, with Flink's keys, defaults and descriptions, grouped as Flink's
// *Options classes group them.

// Flink's CoreOptions.
struct CoreOptions {
  static inline const ConfigOption<int32_t> kDefaultParallelism =
      ConfigOptions::key("parallelism.default").intType().defaultValue(1).withDescription(
          "Default parallelism for jobs.");
};

// Flink's PipelineOptions.
struct PipelineOptions {
  static inline const ConfigOption<std::string> kName =
      ConfigOptions::key("pipeline.name").stringType().noDefaultValue().withDescription(
          "The job name used for printing and logging.");
  static inline const ConfigOption<std::chrono::nanoseconds> kAutoWatermarkInterval =
      ConfigOptions::key("pipeline.auto-watermark-interval")
          .durationType()
          .defaultValue(std::chrono::milliseconds(200))
          .withDescription(
              "The interval of the automatic watermark emission. Watermarks are used throughout the streaming "
              "system to keep track of the progress of time. They are used, for example, for time based windowing.");
  static inline const ConfigOption<int32_t> kMaxParallelism =
      ConfigOptions::key("pipeline.max-parallelism")
          .intType()
          .defaultValue(-1)
          .withDescription(
              "The program-wide maximum parallelism used for operators which haven't specified a maximum "
              "parallelism. The maximum parallelism specifies the upper limit for dynamic scaling and the number "
              "of key groups used for partitioned state.");
  static inline const ConfigOption<bool> kObjectReuse =
      ConfigOptions::key("pipeline.object-reuse")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "When enabled objects that Flink internally uses for deserialization and passing data to user-code "
              "functions will be reused. Keep in mind that this can lead to bugs when the user-code function of an "
              "operation is not aware of this behaviour.");
};

// Flink's ExecutionOptions.
struct ExecutionOptions {
  static inline const ConfigOption<RuntimeExecutionMode> kRuntimeMode =
      ConfigOptions::key("execution.runtime-mode")
          .enumType<RuntimeExecutionMode>()
          .defaultValue(RuntimeExecutionMode::kStreaming)
          .withDescription(
              "Runtime execution mode of DataStream programs. Among other things, this controls task scheduling, "
              "network shuffle behavior, and time semantics.");
  // Flink renamed execution.buffer-timeout to execution.buffer-timeout.interval (1.19);
  // the old key still works.
  static inline const ConfigOption<std::chrono::nanoseconds> kBufferTimeout =
      ConfigOptions::key("execution.buffer-timeout.interval")
          .durationType()
          .defaultValue(std::chrono::milliseconds(100))
          .withDeprecatedKeys({"execution.buffer-timeout"})
          .withDescription(
              "The maximum time frequency (milliseconds) for the flushing of the output buffers. By default the "
              "output buffers flush frequently to provide low latency and to aid smooth developer experience.");
};

// Flink's CheckpointingOptions (the checkpoint interval lives in Flink's
// ExecutionCheckpointingOptions; both are here).
struct CheckpointingOptions {
  static inline const ConfigOption<std::chrono::nanoseconds> kCheckpointingInterval =
      ConfigOptions::key("execution.checkpointing.interval")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "Gets the interval in which checkpoints are periodically scheduled. This setting defines the base "
              "interval. Checkpoint triggering may be delayed by the settings "
              "execution.checkpointing.max-concurrent-checkpoints and execution.checkpointing.min-pause.");
  static inline const ConfigOption<std::string> kCheckpointsDirectory =
      ConfigOptions::key("state.checkpoints.dir")
          .stringType()
          .noDefaultValue()
          .withDeprecatedKeys({"state.backend.fs.checkpointdir"})
          .withDescription(
              "The default directory used for storing the data files and meta data of checkpoints in a Flink "
              "supported filesystem. The storage path must be accessible from all participating processes/nodes"
              "(i.e. all TaskManagers and JobManagers).");
  static inline const ConfigOption<std::string> kSavepointDirectory =
      ConfigOptions::key("state.savepoints.dir")
          .stringType()
          .noDefaultValue()
          .withDeprecatedKeys({"savepoints.state.backend.fs.dir"})
          .withDescription(
              "The default directory for savepoints. Used by the state backends that write savepoints to file "
              "systems (HashMapStateBackend, EmbeddedRocksDBStateBackend).");
  static inline const ConfigOption<std::string> kCheckpointingMode =
      ConfigOptions::key("execution.checkpointing.mode")
          .stringType()
          .defaultValue("EXACTLY_ONCE")
          .withDescription("The checkpointing mode (exactly-once vs. at-least-once): EXACTLY_ONCE or AT_LEAST_ONCE.");
  static inline const ConfigOption<std::chrono::nanoseconds> kCheckpointingTimeout =
      ConfigOptions::key("execution.checkpointing.timeout")
          .durationType()
          .defaultValue(std::chrono::minutes(10))
          .withDescription("The maximum time that a checkpoint may take before being discarded.");
  static inline const ConfigOption<int32_t> kTolerableFailureNumber =
      ConfigOptions::key("execution.checkpointing.tolerable-failed-checkpoints")
          .intType()
          .defaultValue(0)
          .withDescription(
              "The tolerable checkpoint consecutive failure number. If set to 0, that means we do not tolerance any "
              "checkpoint failure.");
  static inline const ConfigOption<std::chrono::nanoseconds> kMinPauseBetweenCheckpoints =
      ConfigOptions::key("execution.checkpointing.min-pause")
          .durationType()
          .defaultValue(std::chrono::nanoseconds(0))
          .withDescription("The minimal pause between checkpointing attempts.");
  static inline const ConfigOption<bool> kEnableUnaligned =
      ConfigOptions::key("execution.checkpointing.unaligned.enabled")
          .booleanType()
          .defaultValue(false)
          .withDeprecatedKeys({"execution.checkpointing.unaligned"})
          .withDescription(
              "Enables unaligned checkpoints, which greatly reduce checkpointing times under backpressure. Unaligned "
              "checkpoints contain data stored in buffers as part of the checkpoint state, which allows checkpoint "
              "barriers to overtake these buffers. Unaligned checkpoints can only be enabled if "
              "execution.checkpointing.mode is EXACTLY_ONCE.");
  static inline const ConfigOption<std::chrono::nanoseconds> kAlignedCheckpointTimeout =
      ConfigOptions::key("execution.checkpointing.aligned-checkpoint-timeout")
          .durationType()
          .defaultValue(std::chrono::nanoseconds(0))
          .withDeprecatedKeys({"execution.checkpointing.alignment-timeout"})
          .withDescription(
              "Only relevant if execution.checkpointing.unaligned.enabled is enabled. If timeout is 0, checkpoints "
              "will always start unaligned. If timeout has a positive value, checkpoints will start aligned. If "
              "during checkpointing, the checkpoint start delay exceeds this timeout, alignment will timeout and "
              "checkpoint barrier will start working as unaligned checkpoint.");
  static inline const ConfigOption<int32_t> kMaxConcurrentCheckpoints =
      ConfigOptions::key("execution.checkpointing.max-concurrent-checkpoints")
          .intType()
          .defaultValue(1)
          .withDescription(
              "The maximum number of checkpoint attempts that may be in progress at the same time. If this value is "
              "n, then no checkpoints will be triggered while n checkpoint attempts are currently in flight. For the "
              "next checkpoint to be triggered, one checkpoint attempt would need to finish or expire.");
};

// Flink's RestartStrategyOptions.
struct RestartStrategyOptions {
  static inline const ConfigOption<std::string> kRestartStrategyType =
      ConfigOptions::key("restart-strategy.type")
          .stringType()
          .noDefaultValue()
          .withDeprecatedKeys({"restart-strategy"})
          .withDescription(
              "Defines the restart strategy to use in case of job failures: none, fixed-delay or exponential-delay. "
              "Without a value: exponential-delay if checkpointing is enabled, else none.");
  static inline const ConfigOption<int32_t> kFixedDelayAttempts =
      ConfigOptions::key("restart-strategy.fixed-delay.attempts")
          .intType()
          .defaultValue(1)
          .withDescription("The number of times that Flink retries the execution before the job is declared as failed.");
  static inline const ConfigOption<std::chrono::nanoseconds> kFixedDelayDelay =
      ConfigOptions::key("restart-strategy.fixed-delay.delay")
          .durationType()
          .defaultValue(std::chrono::seconds(1))
          .withDescription("Delay between two consecutive restart attempts.");
  static inline const ConfigOption<std::chrono::nanoseconds> kExponentialDelayInitialBackoff =
      ConfigOptions::key("restart-strategy.exponential-delay.initial-backoff")
          .durationType()
          .defaultValue(std::chrono::seconds(1))
          .withDescription("Starting duration between restarts.");
  static inline const ConfigOption<std::chrono::nanoseconds> kExponentialDelayMaxBackoff =
      ConfigOptions::key("restart-strategy.exponential-delay.max-backoff")
          .durationType()
          .defaultValue(std::chrono::minutes(1))
          .withDescription("The highest possible duration between restarts.");
  static inline const ConfigOption<double> kExponentialDelayBackoffMultiplier =
      ConfigOptions::key("restart-strategy.exponential-delay.backoff-multiplier")
          .doubleType()
          .defaultValue(1.5)
          .withDescription("Backoff value is multiplied by this value after every failure.");
  static inline const ConfigOption<int32_t> kExponentialDelayAttempts =
      ConfigOptions::key("restart-strategy.exponential-delay.attempts-before-reset-backoff")
          .intType()
          .defaultValue(std::numeric_limits<int32_t>::max())
          .withDescription("The number of times that Flink retries the execution before the job is declared as failed.");
};

// Flink's SavepointConfigOptions: the checkpoint or savepoint a job starts from (-s).
struct SavepointConfigOptions {
  static inline const ConfigOption<std::string> kSavepointPath =
      ConfigOptions::key("execution.savepoint.path")
          .stringType()
          .noDefaultValue()
          .withDescription("Path to a savepoint to restore the job from (for example hdfs:///flink/savepoint-1537).");
  static inline const ConfigOption<bool> kSavepointIgnoreUnclaimedState =
      ConfigOptions::key("execution.savepoint.ignore-unclaimed-state")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Allow to skip savepoint state that cannot be restored. Allow this if you removed an operator from "
              "your pipeline after the savepoint was triggered.");
};

// Flink's StateBackendOptions.
struct StateBackendOptions {
  static inline const ConfigOption<std::string> kStateBackend =
      ConfigOptions::key("state.backend.type")
          .stringType()
          .defaultValue("hashmap")
          .withDeprecatedKeys({"state.backend"})
          .withDescription(
              "The state backend to be used to store state. The implementation can be specified either via their "
              "shortcut name, or via the class name of a StateBackendFactory.");
};

// Flink's RestOptions.
struct RestOptions {
  static inline const ConfigOption<std::string> kAddress =
      ConfigOptions::key("rest.address").stringType().noDefaultValue().withDescription(
          "The address that should be used by clients to connect to the server. Attention: This option is "
          "respected only if the high-availability configuration is NONE.");
  static inline const ConfigOption<int32_t> kPort =
      ConfigOptions::key("rest.port").intType().defaultValue(8081).withDescription(
          "The port that the client connects to. If rest.bind-port has not been specified, then the REST server "
          "will bind to this port. Attention: This option is respected only if the high-availability "
          "configuration is NONE.");
};

// Flink's TaskManagerOptions.
struct TaskManagerOptions {
  static inline const ConfigOption<int32_t> kNumTaskSlots =
      ConfigOptions::key("taskmanager.numberOfTaskSlots").intType().defaultValue(1).withDescription(
          "The number of parallel operator or user function instances that a single TaskManager can run. If this "
          "value is larger than 1, a single TaskManager takes multiple instances of a function or operator.");
};

// Eddy's own options: not in Flink, so under the eddy. prefix.
struct LoggingOptions {
  static inline const ConfigOption<std::string> kLogLevel =
      ConfigOptions::key("eddy.log.level").stringType().defaultValue("INFO").withDescription(
          "The level of the 'eddy' logger: TRACE, DEBUG, INFO, WARN, ERROR or OFF. The environment variable "
          "EDDY_LOG_LEVEL takes precedence.");
};

}  // namespace eddy
