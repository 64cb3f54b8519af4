// Produces the demo's page events (examples::PageEventGenerator, the events `make demo`
// counts) as JSON to a Kafka topic, keyed by user: an Eddy job, DataGen → KafkaSink
// AT_LEAST_ONCE, at parallelism 1 so that each user's events are in order in their partition.
//
//   page_counts_kafka_events <bootstrap servers> [topic (default page-events)] [events (default 2000)]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "eddy/connectors/kafka/kafka_sink.h"
#include "eddy/datastream.h"
#include "page_counts_kafka_json.h"
#include "page_events.h"

using namespace eddy;
using connectors::kafka::DeliveryGuarantee;
using connectors::kafka::KafkaRecordSerializationSchema;
using connectors::kafka::KafkaSink;
using examples::PageEvent;

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::fputs("usage: page_counts_kafka_events <bootstrap servers> [topic] [events]\n", stderr);
    return 2;
  }
  const std::string topic = argc > 2 ? argv[2] : "page-events";
  examples::PageEventGenerator::Options options;
  if (argc > 3) options.events = std::atoll(argv[3]);

  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  env->setParallelism(1);
  auto schema = KafkaRecordSerializationSchema<PageEvent>::builder()
                    .setTopic(topic)
                    .setKeySerializationSchema(examples::PageEventKeySerializer())
                    .setValueSerializationSchema(examples::PageEventSerializer())
                    .build();
  if (!schema.ok()) {
    std::fprintf(stderr, "%s\n", schema.status().toString().c_str());
    return 1;
  }
  auto sink = KafkaSink<PageEvent>::builder()
                  .setBootstrapServers(argv[1])
                  .setRecordSerializer(*schema)
                  .setDeliveryGuarantee(DeliveryGuarantee::AT_LEAST_ONCE)
                  .build();
  if (!sink.ok()) {
    std::fprintf(stderr, "%s\n", sink.status().toString().c_str());
    return 1;
  }
  env->fromSource(examples::pageEventSource(options), WatermarkStrategy<PageEvent>::noWatermarks(), "Page Events")
      .sinkTo(*sink, "Kafka Sink");
  auto result = env->execute("Page Event Producer");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  std::printf("produced %lld page events to %s\n", static_cast<long long>(options.events), topic.c_str());
  return 0;
}
