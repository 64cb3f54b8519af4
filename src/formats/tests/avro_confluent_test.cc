#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "eddy/formats/avro/avro_schema_converter.h"
#include "eddy/formats/avro/confluent_registry_avro_deserialization_schema.h"
#include "eddy/formats/avro/confluent_registry_avro_serialization_schema.h"
#include "eddy/types/data_types.h"
#include "formats/json/jackson_text.h"

namespace eddy::formats::avro {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::Value;

// A registry-compatible HTTP endpoint on a free loopback port: the two calls of the
// Confluent Schema Registry API the format makes, ids from 7 on, optional basic auth.
class LocalSchemaRegistry {
 public:
  explicit LocalSchemaRegistry(std::string authorization = "") : authorization_(std::move(authorization)) {
    server_.Post(R"(/subjects/([^/]+)/versions)", [this](const httplib::Request& request, httplib::Response& response) {
      if (!authorized(request, response)) return;
      simdjson::ondemand::parser parser;
      simdjson::padded_string body(request.body);
      simdjson::ondemand::document doc;
      std::string_view schema;
      if (parser.iterate(body).get(doc) != simdjson::SUCCESS || doc["schema"].get_string().get(schema) != simdjson::SUCCESS) {
        response.status = 422;
        response.set_content(R"({"error_code":42201,"message":"Invalid schema"})", "application/json");
        return;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      ++registrations_;
      const std::string key = request.matches[1].str() + "\n" + std::string(schema);
      auto [it, added] = ids_.emplace(key, next_id_);
      if (added) schemas_[next_id_++] = std::string(schema);
      response.set_content(fmt::format(R"({{"id":{}}})", it->second), "application/json");
    });
    server_.Get(R"(/schemas/ids/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
      if (!authorized(request, response)) return;
      std::lock_guard<std::mutex> lock(mutex_);
      ++lookups_;
      auto it = schemas_.find(std::stoi(request.matches[1].str()));
      if (it == schemas_.end()) {
        response.status = 404;
        response.set_content(R"({"error_code":40403,"message":"Schema not found"})", "application/json");
        return;
      }
      std::string body = "{\"schema\":";
      json::appendJsonString(it->second, body);
      response.set_content(body + "}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalSchemaRegistry() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return fmt::format("http://127.0.0.1:{}", port_); }
  // Adds a schema as another producer would have, and returns its id.
  int32_t add(const std::string& subject, const std::string& schema) {
    std::lock_guard<std::mutex> lock(mutex_);
    ids_[subject + "\n" + schema] = next_id_;
    schemas_[next_id_] = schema;
    return next_id_++;
  }
  int registrations() const { return registrations_; }
  int lookups() const { return lookups_; }

 private:
  bool authorized(const httplib::Request& request, httplib::Response& response) {
    if (authorization_.empty() || request.get_header_value("Authorization") == authorization_) return true;
    response.status = 401;
    response.set_content(R"({"error_code":401,"message":"Unauthorized"})", "application/json");
    return false;
  }

  std::string authorization_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, int32_t> ids_;
  std::map<int32_t, std::string> schemas_;
  int32_t next_id_ = 7;
  std::atomic<int> registrations_{0};
  std::atomic<int> lookups_{0};
};

LogicalType orderType() {
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::BIGINT().notNull()),
                         DataTypes::FIELD("product", DataTypes::STRING()),
                         DataTypes::FIELD("tags", DataTypes::ARRAY(DataTypes::STRING()))});
}

AvroConfluentFormatOptions optionsFor(const std::string& url, std::optional<std::string> subject = "orders-value") {
  AvroConfluentFormatOptions options;
  options.url = url;
  options.subject = std::move(subject);
  options.initial_backoff = std::chrono::milliseconds(10);
  options.request_timeout = std::chrono::milliseconds(1000);
  return options;
}

// A loopback port nothing listens on: bound, then closed.
int closedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string hexHeader(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < 5 && i < bytes.size(); ++i) out += fmt::format("{:02x}", static_cast<unsigned char>(bytes[i]));
  return out;
}

TEST(AvroConfluentTest, SerializeRegistersOnceThenDeserializeFetchesTheWriterSchema) {
  LocalSchemaRegistry registry;
  auto writer = ConfluentRegistryAvroSerializationSchema::create(orderType(), optionsFor(registry.url()));
  ASSERT_TRUE(writer.ok()) << writer.status().toString();
  EXPECT_EQ(registry.registrations(), 0);
  std::string first = *writer->serialize(Row::of(int64_t{1}, "apple", Value::array({"red", Value()})));
  std::string second = *writer->serialize(Row::of(int64_t{2}, Value(), Value()));
  EXPECT_EQ(registry.registrations(), 1);
  EXPECT_EQ(hexHeader(first), "0000000007");
  // A copy (a sink's clone per subtask) keeps the id and has its own client.
  const ConfluentRegistryAvroSerializationSchema copy = *writer;
  EXPECT_EQ(*copy.serialize(Row::of(int64_t{2}, Value(), Value())), second);
  EXPECT_EQ(registry.registrations(), 1);
  // The Avro part: long 1 (02), branch 1 + "apple", branch 1 + an array of 2: branch 1 "red", branch 0.
  EXPECT_EQ(first.substr(5), std::string("\x02\x02\x0a" "apple\x02\x04\x02\x06" "red\x00\x00", 17));

  auto reader = ConfluentRegistryAvroDeserializationSchema::create(orderType(), optionsFor(registry.url(), std::nullopt));
  ASSERT_TRUE(reader.ok()) << reader.status().toString();
  EXPECT_EQ(reader->deserialize(first)->toString(), "+I[1, apple, [red, null]]");
  EXPECT_EQ(reader->deserialize(second)->toString(), "+I[2, null, null]");
  EXPECT_EQ(registry.lookups(), 1);
}

TEST(AvroConfluentTest, RecordsOfAnOlderWriterSchemaAreResolved) {
  LocalSchemaRegistry registry;
  // An older producer wrote ids as int, without "tags", and with a field since dropped.
  const std::string old_schema =
      R"({"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[)"
      R"({"name":"id","type":"int"},{"name":"product","type":["null","string"],"default":null},)"
      R"({"name":"legacy","type":"boolean"}]})";
  const int32_t id = registry.add("orders-value", old_schema);
  LogicalType old_type = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT().notNull()),
                                         DataTypes::FIELD("product", DataTypes::STRING()),
                                         DataTypes::FIELD("legacy", DataTypes::BOOLEAN().notNull())});
  AvroConfluentFormatOptions old_options = optionsFor(registry.url());
  old_options.schema = old_schema;
  auto old_writer = ConfluentRegistryAvroSerializationSchema::create(old_type, old_options);
  ASSERT_TRUE(old_writer.ok()) << old_writer.status().toString();
  std::string message = *old_writer->serialize(Row::of(int32_t{5}, "pear", true));
  EXPECT_EQ(hexHeader(message), fmt::format("{:010x}", id));

  auto reader = ConfluentRegistryAvroDeserializationSchema::create(orderType(), optionsFor(registry.url()));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->deserialize(message)->toString(), "+I[5, pear, null]");
}

TEST(AvroConfluentTest, MalformedMessagesFailClearly) {
  LocalSchemaRegistry registry;
  auto reader = ConfluentRegistryAvroDeserializationSchema::create(orderType(), optionsFor(registry.url()));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->deserialize(std::string("\x01\x00\x00\x00\x07\x02", 6)).status().message(),
            "Failed to deserialize Avro record. Caused by: Unknown data format. Magic number does not match");
  EXPECT_EQ(reader->deserialize(std::string("\x00\x00\x07", 3)).status().message(),
            "Failed to deserialize Avro record. Caused by: The message has 3 bytes, fewer than the 5 of the Confluent "
            "header");
  EXPECT_EQ(reader->deserialize(std::string("\x00\x00\x00\x00\x63\x02", 6)).status().message(),
            "Failed to deserialize Avro record. Caused by: Could not find schema with id 99 in registry: HTTP 404 "
            "Schema not found");
  // A truncated record of a known schema.
  auto writer = ConfluentRegistryAvroSerializationSchema::create(orderType(), optionsFor(registry.url()));
  std::string message = *writer->serialize(Row::of(int64_t{1}, "apple", Value()));
  EXPECT_EQ(reader->deserialize(std::string_view(message).substr(0, message.size() - 2)).status().message(),
            "Failed to deserialize Avro record. Caused by: Cannot read string value: Cannot read 5 bytes from memory "
            "buffer");
  EXPECT_EQ(reader->deserialize(message)->toString(), "+I[1, apple, null]");
}

TEST(AvroConfluentTest, UnreachableRegistryFailsAfterRetriesNamingTheUrl) {
  const int port = closedPort();
  AvroConfluentFormatOptions options = optionsFor(fmt::format("http://127.0.0.1:{}", port));
  options.max_attempts = 3;
  options.basic_auth_credentials_source = "USER_INFO";
  options.basic_auth_user_info = "alice:s3cret";
  auto writer = ConfluentRegistryAvroSerializationSchema::create(orderType(), options);
  ASSERT_TRUE(writer.ok());
  const auto start = std::chrono::steady_clock::now();
  Status status = writer->serialize(Row::of(int64_t{1}, "x", Value())).status();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message(), fmt::format("Could not reach the schema registry after 3 attempts: http://127.0.0.1:{}: "
                                          "could not connect",
                                          port));
  // Two pauses: 10 ms then 20 ms.
  EXPECT_GE(elapsed, std::chrono::milliseconds(30));

  auto reader = ConfluentRegistryAvroDeserializationSchema::create(
      orderType(), optionsFor(fmt::format("http://bob:pa55@127.0.0.1:{}", port)));
  ASSERT_TRUE(reader.ok());
  const std::string message = reader->deserialize(std::string("\x00\x00\x00\x00\x07\x02", 6)).status().message();
  EXPECT_EQ(message.find("pa55"), std::string::npos) << message;
  EXPECT_NE(message.find(fmt::format("http://127.0.0.1:{}", port)), std::string::npos) << message;
}

TEST(AvroConfluentTest, BasicAuthenticationFromUserInfoOrUrl) {
  LocalSchemaRegistry registry("Basic YWxpY2U6czNjcmV0");  // base64 of alice:s3cret
  AvroConfluentFormatOptions options = optionsFor(registry.url());
  auto anonymous = ConfluentRegistryAvroSerializationSchema::create(orderType(), options);
  EXPECT_EQ(anonymous->serialize(Row::of(int64_t{1}, "x", Value())).status().message(),
            "Could not register schema in registry under subject 'orders-value': HTTP 401 Unauthorized");
  options.basic_auth_credentials_source = "USER_INFO";
  options.basic_auth_user_info = "alice:s3cret";
  auto user_info = ConfluentRegistryAvroSerializationSchema::create(orderType(), options);
  EXPECT_TRUE(user_info->serialize(Row::of(int64_t{1}, "x", Value())).ok());

  AvroConfluentFormatOptions from_url = optionsFor("http://alice:s3cret@" + registry.url().substr(7));
  from_url.basic_auth_credentials_source = "URL";
  auto url_writer = ConfluentRegistryAvroSerializationSchema::create(orderType(), from_url);
  EXPECT_TRUE(url_writer->serialize(Row::of(int64_t{1}, "x", Value())).ok());

  options.basic_auth_user_info.reset();
  EXPECT_EQ(ConfluentRegistryAvroSerializationSchema::create(orderType(), options).status().message(),
            "UserInfo must be provided when basic.auth.credentials.source is set to USER_INFO");
}

TEST(AvroConfluentTest, OptionsWithFlinksKeysAndMessages) {
  EXPECT_EQ(AvroConfluentFormatOptions::fromTableOptions({}).status().message(),
            "One or more required options are missing.\n\nMissing required options are:\n\nurl");
  auto options = AvroConfluentFormatOptions::fromTableOptions(
      {{"url", "http://r:8081"}, {"subject", "s"}, {"basic-auth.credentials-source", "user_info"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->url, "http://r:8081");
  EXPECT_EQ(*options->subject, "s");
  EXPECT_EQ(*options->basic_auth_credentials_source, "USER_INFO");
  EXPECT_EQ(AvroConfluentFormatOptions::fromTableOptions({{"schema-registry.url", "http://old:1"}})->url, "http://old:1");
  EXPECT_EQ(ConfluentRegistryAvroSerializationSchema::create(orderType(), optionsFor("http://r:1", std::nullopt))
                .status()
                .message(),
            "Option avro-confluent.subject is required for serialization");
  // An explicit schema must match the table's type.
  AvroConfluentFormatOptions mismatched = optionsFor("http://r:1");
  mismatched.schema = R"({"type":"record","name":"r","fields":[{"name":"id","type":"string"},)"
                      R"({"name":"product","type":["null","string"]},{"name":"tags","type":["null",{"type":"array","items":"string"}]}]})";
  EXPECT_EQ(ConfluentRegistryAvroSerializationSchema::create(orderType(), mismatched).status().message(),
            "The Avro schema of field 'id' is 'string', which does not match the type BIGINT NOT NULL");
  EXPECT_EQ(ConfluentRegistryAvroSerializationSchema::create(orderType(), optionsFor("ftp://r:1")).status().message(),
            "Invalid schema registry URL 'ftp://…': expected http(s)://host[:port][/path]");
}

}  // namespace
}  // namespace eddy::formats::avro
