#include "eddy/common/configuration.h"
#include "eddy/testing/source_dir.h"
#include "common/tests/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

namespace eddy {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

std::map<std::string, std::string> asMap(const Configuration& conf) {
  return std::map<std::string, std::string>(conf.toMap().begin(), conf.toMap().end());
}

TEST(ConfigurationTest, FlinkDefaults) {
  Configuration conf;
  EXPECT_EQ(*conf.get(CoreOptions::kDefaultParallelism), 1);
  EXPECT_EQ(*conf.get(PipelineOptions::kAutoWatermarkInterval), milliseconds(200));
  EXPECT_EQ(*conf.get(PipelineOptions::kMaxParallelism), -1);
  EXPECT_EQ(*conf.get(PipelineOptions::kObjectReuse), false);
  EXPECT_EQ(*conf.get(ExecutionOptions::kRuntimeMode), RuntimeExecutionMode::kStreaming);
  EXPECT_EQ(*conf.get(ExecutionOptions::kBufferTimeout), milliseconds(100));
  EXPECT_EQ(*conf.get(RestOptions::kPort), 8081);
  EXPECT_EQ(*conf.get(StateBackendOptions::kStateBackend), "hashmap");
  EXPECT_EQ(*conf.get(TaskManagerOptions::kNumTaskSlots), 1);
  EXPECT_EQ(*conf.get(LoggingOptions::kLogLevel), "INFO");
}

TEST(ConfigurationTest, FlinkKeys) {
  EXPECT_EQ(CoreOptions::kDefaultParallelism.key(), "parallelism.default");
  EXPECT_EQ(PipelineOptions::kAutoWatermarkInterval.key(), "pipeline.auto-watermark-interval");
  EXPECT_EQ(PipelineOptions::kMaxParallelism.key(), "pipeline.max-parallelism");
  EXPECT_EQ(PipelineOptions::kName.key(), "pipeline.name");
  EXPECT_EQ(PipelineOptions::kObjectReuse.key(), "pipeline.object-reuse");
  EXPECT_EQ(ExecutionOptions::kRuntimeMode.key(), "execution.runtime-mode");
  EXPECT_EQ(ExecutionOptions::kBufferTimeout.key(), "execution.buffer-timeout.interval");
  EXPECT_EQ(RestOptions::kPort.key(), "rest.port");
  EXPECT_EQ(RestOptions::kAddress.key(), "rest.address");
  EXPECT_EQ(StateBackendOptions::kStateBackend.key(), "state.backend.type");
  EXPECT_EQ(CheckpointingOptions::kCheckpointsDirectory.key(), "state.checkpoints.dir");
  EXPECT_EQ(CheckpointingOptions::kSavepointDirectory.key(), "state.savepoints.dir");
  EXPECT_EQ(CheckpointingOptions::kCheckpointingInterval.key(), "execution.checkpointing.interval");
  EXPECT_EQ(TaskManagerOptions::kNumTaskSlots.key(), "taskmanager.numberOfTaskSlots");
}

TEST(ConfigurationTest, OptionWithoutDefaultIsNotFoundOrEmpty) {
  Configuration conf;
  auto name = conf.get(PipelineOptions::kName);
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(name.status().message(), "No value for configuration key 'pipeline.name' and it has no default value");
  auto optional = conf.getOptional(CheckpointingOptions::kCheckpointingInterval);
  ASSERT_TRUE(optional.ok());
  EXPECT_FALSE(optional->has_value());
  EXPECT_FALSE(conf.contains(PipelineOptions::kName));
}

TEST(ConfigurationTest, SetWritesFlinkStringForms) {
  Configuration conf;
  conf.set(CoreOptions::kDefaultParallelism, 4)
      .set(PipelineOptions::kAutoWatermarkInterval, std::chrono::nanoseconds(seconds(60)))
      .set(ExecutionOptions::kBufferTimeout, std::chrono::nanoseconds(milliseconds(5)))
      .set(CheckpointingOptions::kCheckpointingInterval, std::chrono::nanoseconds(seconds(3601)))
      .set(PipelineOptions::kObjectReuse, true)
      .set(ExecutionOptions::kRuntimeMode, RuntimeExecutionMode::kBatch)
      .set(PipelineOptions::kName, std::string("my job"));
  auto memory = ConfigOptions::key("taskmanager.memory.process.size").memoryType().noDefaultValue();
  auto fraction = ConfigOptions::key("taskmanager.memory.network.fraction").doubleType().defaultValue(0.1);
  auto big = ConfigOptions::key("some.long").longType().defaultValue(0);
  conf.set(memory, MemorySize::ofMebiBytes(1728)).set(fraction, 2.0).set(big, int64_t{1} << 40);
  std::map<std::string, std::string> expected = {
      {"execution.buffer-timeout.interval", "5 ms"},
      {"execution.checkpointing.interval", "3601 s"},
      {"execution.runtime-mode", "BATCH"},
      {"parallelism.default", "4"},
      {"pipeline.auto-watermark-interval", "1 min"},
      {"pipeline.name", "my job"},
      {"pipeline.object-reuse", "true"},
      {"some.long", "1099511627776"},
      {"taskmanager.memory.network.fraction", "2.0"},
      {"taskmanager.memory.process.size", "1728 mb"},
  };
  EXPECT_EQ(asMap(conf), expected);
  EXPECT_EQ(*conf.get(CoreOptions::kDefaultParallelism), 4);
  EXPECT_EQ(*conf.get(PipelineOptions::kAutoWatermarkInterval), minutes(1));
  EXPECT_EQ(*conf.get(ExecutionOptions::kRuntimeMode), RuntimeExecutionMode::kBatch);
  EXPECT_EQ(*conf.get(memory), MemorySize(int64_t{1728} << 20));
  EXPECT_EQ(*conf.get(fraction), 2.0);
  EXPECT_EQ(*conf.get(big), int64_t{1} << 40);
}

TEST(ConfigurationTest, ParsesFlinkDurations) {
  const std::pair<std::string, std::chrono::nanoseconds> cases[] = {
      {"200 ms", milliseconds(200)}, {"5 s", seconds(5)},        {"1min", minutes(1)},
      {"3 m", minutes(3)},           {"2 h", hours(2)},          {"1d", hours(24)},
      {"123", milliseconds(123)},    {" 10 SECONDS ", seconds(10)}, {"7 \u00b5s", std::chrono::microseconds(7)},
      {"9ns", std::chrono::nanoseconds(9)}, {"2 minutes", minutes(2)}, {"0", std::chrono::nanoseconds(0)},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = parseDuration(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().toString();
    EXPECT_EQ(*parsed, expected) << text;
  }
  EXPECT_EQ(parseDuration("  ").status().message(), "argument is an empty- or whitespace-only string");
  EXPECT_EQ(parseDuration("ms").status().message(), "text does not start with a number");
  EXPECT_EQ(parseDuration("-5 s").status().message(), "text does not start with a number");
  EXPECT_EQ(parseDuration("5 fortnights").status().message(),
            "Time interval unit label 'fortnights' does not match any of the recognized units: "
            "DAYS: (d | day | days), HOURS: (h | hour | hours), MINUTES: (min | m | minute | minutes), "
            "SECONDS: (s | sec | secs | second | seconds), "
            "MILLISECONDS: (ms | milli | millis | millisecond | milliseconds), "
            "MICROSECONDS: (\u00b5s | micro | micros | microsecond | microseconds), "
            "NANOSECONDS: (ns | nano | nanos | nanosecond | nanoseconds)");
  EXPECT_EQ(parseDuration("99999999999999999999").status().message(),
            "The value '99999999999999999999' cannot be re represented as 64bit number (numeric overflow).");
  EXPECT_EQ(parseDuration("9999999999 d").status().message(),
            "The value '9999999999 d' cannot be represented as a duration (numeric overflow).");
}

TEST(ConfigurationTest, FormatsDurationsWithHighestUnit) {
  EXPECT_EQ(formatWithHighestUnit(milliseconds(200)), "200 ms");
  EXPECT_EQ(formatWithHighestUnit(seconds(120)), "2 min");
  EXPECT_EQ(formatWithHighestUnit(hours(48)), "2 d");
  EXPECT_EQ(formatWithHighestUnit(std::chrono::microseconds(1500)), "1500 \u00b5s");
  EXPECT_EQ(formatWithHighestUnit(std::chrono::nanoseconds(0)), "0 ms");
}

TEST(ConfigurationTest, ParsesMemorySizes) {
  EXPECT_EQ(MemorySize::parse("64 mb")->getBytes(), int64_t{64} << 20);
  EXPECT_EQ(MemorySize::parse("1g")->getBytes(), int64_t{1} << 30);
  EXPECT_EQ(MemorySize::parse("512 KB")->getBytes(), int64_t{512} << 10);
  EXPECT_EQ(MemorySize::parse("1024")->getBytes(), 1024);
  EXPECT_EQ(MemorySize::parse("2 tebibytes")->getBytes(), int64_t{2} << 40);
  EXPECT_EQ(MemorySize::parse("100 bytes")->getBytes(), 100);
  EXPECT_EQ(MemorySize::parse("5 zb").status().message(),
            "Memory size unit 'zb' does not match any of the recognized units: BYTES: (b | bytes) / "
            "KILO_BYTES: (k | kb | kibibytes) / MEGA_BYTES: (m | mb | mebibytes) / GIGA_BYTES: (g | gb | gibibytes) / "
            "TERA_BYTES: (t | tb | tebibytes)");
  EXPECT_EQ(MemorySize::parse("9999999 tb").status().message(),
            "The value '9999999 tb' cannot be re represented as 64bit number of bytes (numeric overflow).");
  EXPECT_EQ(MemorySize::ofMebiBytes(64).toString(), "64 mb");
  EXPECT_EQ(MemorySize(1536 * 1024).toString(), "1536 kb");
  EXPECT_EQ(MemorySize(100).toString(), "100 bytes");
  EXPECT_EQ(MemorySize(int64_t{3} << 30).toString(), "3 gb");
}

TEST(ConfigurationTest, ParseErrorsNameKeyAndValue) {
  Configuration conf;
  conf.setString("parallelism.default", "two");
  conf.setString("pipeline.object-reuse", "yes");
  conf.setString("execution.runtime-mode", "fast");
  conf.setString("pipeline.auto-watermark-interval", "soon");
  auto parallelism = conf.get(CoreOptions::kDefaultParallelism);
  EXPECT_EQ(parallelism.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parallelism.status().message(),
            "Could not parse value 'two' for key 'parallelism.default': For input string: \"two\"");
  EXPECT_EQ(conf.get(PipelineOptions::kObjectReuse).status().message(),
            "Could not parse value 'yes' for key 'pipeline.object-reuse': Unrecognized option for boolean: yes. "
            "Expected either true or false(case insensitive)");
  EXPECT_EQ(conf.get(ExecutionOptions::kRuntimeMode).status().message(),
            "Could not parse value 'fast' for key 'execution.runtime-mode': Expected one of: [STREAMING, BATCH, "
            "AUTOMATIC]");
  EXPECT_EQ(conf.get(PipelineOptions::kAutoWatermarkInterval).status().message(),
            "Could not parse value 'soon' for key 'pipeline.auto-watermark-interval': text does not start with a "
            "number");
  conf.setString("parallelism.default", "99999999999");
  EXPECT_EQ(conf.get(CoreOptions::kDefaultParallelism).status().message(),
            "Could not parse value '99999999999' for key 'parallelism.default': Value '99999999999' is out of range "
            "of a 32-bit integer");
}

TEST(ConfigurationTest, ParseErrorOfSecretHidesValue) {
  Configuration conf;
  auto option = ConfigOptions::key("kafka.sasl.password").intType().noDefaultValue();
  conf.setString("kafka.sasl.password", "hunter2");
  EXPECT_EQ(conf.get(option).status().message(), "Could not parse value '******' for key 'kafka.sasl.password'");
}

TEST(ConfigurationTest, EnumIsCaseInsensitiveAndTrimsNumbers) {
  Configuration conf;
  conf.setString("execution.runtime-mode", "automatic");
  conf.setString("rest.port", " +9091 ");
  conf.setString("pipeline.object-reuse", "TRUE");
  EXPECT_EQ(*conf.get(ExecutionOptions::kRuntimeMode), RuntimeExecutionMode::kAutomatic);
  EXPECT_EQ(*conf.get(RestOptions::kPort), 9091);
  EXPECT_EQ(*conf.get(PipelineOptions::kObjectReuse), true);
}

TEST(ConfigurationTest, DeprecatedAndFallbackKeys) {
  Configuration conf;
  conf.setString("execution.buffer-timeout", "5 ms");
  conf.setString("state.backend", "rocksdb");
  EXPECT_TRUE(conf.contains(ExecutionOptions::kBufferTimeout));
  EXPECT_EQ(*conf.get(ExecutionOptions::kBufferTimeout), milliseconds(5));
  EXPECT_EQ(*conf.get(StateBackendOptions::kStateBackend), "rocksdb");
  conf.setString("execution.buffer-timeout.interval", "7 ms");
  EXPECT_EQ(*conf.get(ExecutionOptions::kBufferTimeout), milliseconds(7));

  auto option = ConfigOptions::key("new.key").intType().defaultValue(0).withFallbackKeys({"old.key", "older.key"});
  Configuration fallback;
  fallback.setString("older.key", "3");
  EXPECT_EQ(*fallback.get(option), 3);
  fallback.setString("old.key", "2");
  EXPECT_EQ(*fallback.get(option), 2);
  ASSERT_EQ(option.fallbackKeys().size(), 2u);
  EXPECT_FALSE(option.fallbackKeys()[0].is_deprecated);

  EXPECT_TRUE(conf.removeConfig(ExecutionOptions::kBufferTimeout));
  EXPECT_EQ(conf.keySet(), (std::vector<std::string>{"state.backend"}));
  EXPECT_FALSE(conf.removeConfig(ExecutionOptions::kBufferTimeout));
}

TEST(ConfigurationTest, StringAccessKeySetAndAddAll) {
  Configuration conf;
  conf.setString("b.key", "2").setString("a.key", "1");
  EXPECT_EQ(conf.getString("a.key"), std::optional<std::string>("1"));
  EXPECT_EQ(conf.getString("missing"), std::nullopt);
  EXPECT_EQ(conf.getString("missing", "fallback"), "fallback");
  EXPECT_TRUE(conf.containsKey("b.key"));
  EXPECT_FALSE(conf.containsKey("c.key"));
  EXPECT_EQ(conf.keySet(), (std::vector<std::string>{"a.key", "b.key"}));
  Configuration other;
  other.setString("b.key", "20").setString("c.key", "30");
  conf.addAll(other);
  EXPECT_EQ(conf.toString(), "{a.key=1, b.key=20, c.key=30}");
}

TEST(ConfigurationTest, SensitiveKeysAreHidden) {
  for (const char* key : {"password", "s3.secret-key", "my.PassWord", "fs.azure.account.key.acc.blob", "x.apikey",
                          "x.api-key", "pulsar.auth-params", "service-key", "github.token", "http.basic-auth",
                          "security.jaas.config", "otel.http-headers"}) {
    EXPECT_TRUE(GlobalConfiguration::isSensitive(key)) << key;
  }
  for (const char* key : {"rest.port", "state.backend.type", "pass.word", "fs.azure.account.name"}) {
    EXPECT_FALSE(GlobalConfiguration::isSensitive(key)) << key;
  }
  Configuration conf;
  conf.setString("rest.port", "8081").setString("s3.secret-key", "abc").setString("kafka.Password", "pw");
  std::map<std::string, std::string> expected = {
      {"kafka.Password", "******"}, {"rest.port", "8081"}, {"s3.secret-key", "******"}};
  EXPECT_EQ(conf.toLoggableMap(), expected);
  EXPECT_EQ(conf.toString(), "{kafka.Password=******, rest.port=8081, s3.secret-key=******}");
  EXPECT_EQ(*conf.getString("s3.secret-key"), "abc");
}

TEST(GlobalConfigurationTest, ParsesNestedAndFlatYaml) {
  const char* yaml = R"(
# a comment
parallelism:
  default: 2
pipeline.auto-watermark-interval: 50 ms
state:
  backend:
    type: rocksdb
    incremental: true
  checkpoints.dir: file:///tmp/cp
rest:
  port: 9091
  address:
pipeline:
  name: "quoted: name"
  jars: [a.jar, b.jar]
  classpaths:
    - x
    - 'y, z'
  global-job-parameters: {k1: v1, k2: 2}
taskmanager.memory.process.size: 1728m
empty.list: []
)";
  auto conf = GlobalConfiguration::parseYaml(yaml, "test.yaml");
  ASSERT_TRUE(conf.ok()) << conf.status().toString();
  std::map<std::string, std::string> expected = {
      {"parallelism.default", "2"},
      {"pipeline.auto-watermark-interval", "50 ms"},
      {"pipeline.classpaths", "[x, 'y, z']"},
      {"pipeline.global-job-parameters.k1", "v1"},
      {"pipeline.global-job-parameters.k2", "2"},
      {"pipeline.jars", "[a.jar, b.jar]"},
      {"pipeline.name", "quoted: name"},
      {"rest.port", "9091"},
      {"state.backend.incremental", "true"},
      {"state.backend.type", "rocksdb"},
      {"state.checkpoints.dir", "file:///tmp/cp"},
      {"taskmanager.memory.process.size", "1728m"},
      {"empty.list", "[]"},
  };
  EXPECT_EQ(asMap(*conf), expected);
  EXPECT_EQ(*conf->get(CoreOptions::kDefaultParallelism), 2);
  EXPECT_EQ(*conf->get(PipelineOptions::kAutoWatermarkInterval), milliseconds(50));
  EXPECT_EQ(*conf->get(RestOptions::kPort), 9091);
}

TEST(GlobalConfigurationTest, YamlErrors) {
  EXPECT_TRUE(GlobalConfiguration::parseYaml("", "empty.yaml")->toMap().empty());
  EXPECT_TRUE(GlobalConfiguration::parseYaml("# only a comment\n", "c.yaml")->toMap().empty());
  auto duplicate = GlobalConfiguration::parseYaml("a:\n  b: 1\n  b: 2\n", "dup.yaml");
  EXPECT_EQ(duplicate.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(duplicate.status().message(), "Invalid configuration in dup.yaml: found duplicate key b (line 3)");
  auto list = GlobalConfiguration::parseYaml("- a\n- b\n", "list.yaml");
  EXPECT_EQ(list.status().message(), "Invalid configuration in list.yaml: the top level must be a map of keys");
  auto broken = GlobalConfiguration::parseYaml("a: [1, 2\nb: 3\n", "broken.yaml");
  EXPECT_EQ(broken.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(broken.status().message().rfind("Failed to parse YAML configuration broken.yaml: ", 0), 0u)
      << broken.status().message();
}

using testing::TempDir;

TEST(GlobalConfigurationTest, LoadsConfigYamlAndAppliesDynamicProperties) {
  TempDir dir;
  dir.write("config.yaml", "parallelism:\n  default: 2\nrest.port: 9000\n");
  auto loaded = GlobalConfiguration::loadConfiguration(dir.path());
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(loaded->toString(), "{parallelism.default=2, rest.port=9000}");

  auto dynamic = parseDynamicProperties({"rest.port=9100", " pipeline.name = my=job ", "empty.value="});
  ASSERT_TRUE(dynamic.ok()) << dynamic.status().toString();
  auto merged = GlobalConfiguration::loadConfiguration(dir.path(), *dynamic);
  ASSERT_TRUE(merged.ok()) << merged.status().toString();
  EXPECT_EQ(merged->toString(), "{empty.value=, parallelism.default=2, pipeline.name=my=job, rest.port=9100}");
}

TEST(GlobalConfigurationTest, MissingDirectoryOrFileIsNotFound) {
  TempDir dir;
  auto no_file = GlobalConfiguration::loadConfiguration(dir.path());
  EXPECT_EQ(no_file.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(no_file.status().message(), "The config file '" + dir.path() + "/config.yaml' (" + dir.path() +
                                            "/config.yaml) does not exist.");
  std::string missing = dir.path() + "/nope";
  auto no_dir = GlobalConfiguration::loadConfiguration(missing);
  EXPECT_EQ(no_dir.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(no_dir.status().message(), "The given configuration directory name '" + missing + "' (" + missing +
                                           ") does not describe an existing directory.");
}

TEST(GlobalConfigurationTest, DynamicPropertyWithoutEqualsIsRejected) {
  auto missing = parseDynamicProperties({"a=1", "parallelism.default"});
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().message(), "Invalid dynamic property 'parallelism.default': expected key=value");
  EXPECT_EQ(parseDynamicProperties({" =1"}).status().message(), "Invalid dynamic property ' =1': the key is empty");
}

TEST(GlobalConfigurationTest, DirectoryFromEnvironment) {
  ::unsetenv("EDDY_CONF_DIR");
  ::unsetenv("FLINK_CONF_DIR");
  EXPECT_EQ(GlobalConfiguration::configurationDirectory(), "./conf");
  ::setenv("FLINK_CONF_DIR", "/opt/flink/conf", 1);
  EXPECT_EQ(GlobalConfiguration::configurationDirectory(), "/opt/flink/conf");
  ::setenv("EDDY_CONF_DIR", "/etc/eddy", 1);
  EXPECT_EQ(GlobalConfiguration::configurationDirectory(), "/etc/eddy");
  ::unsetenv("EDDY_CONF_DIR");
  ::unsetenv("FLINK_CONF_DIR");
}

TEST(GlobalConfigurationTest, ShippedConfigYamlLoads) {
  std::filesystem::path conf_dir = std::filesystem::path(::eddy::testing::kSourceDir) / "conf";
  auto conf = GlobalConfiguration::loadConfiguration(conf_dir.lexically_normal().string());
  ASSERT_TRUE(conf.ok()) << conf.status().toString();
  EXPECT_EQ(conf->toString(), "{parallelism.default=1, rest.address=localhost, taskmanager.numberOfTaskSlots=1}");
}

}  // namespace
}  // namespace eddy
