// The seed's "Mixing Both in One Job", ported line by line: a DataStream enriches page events
// with keyed state, the Table API turns the enriched stream into a table with an event-time
// column and a watermark, SQL counts the events per user, and the changelog of that count
// comes back as a DataStream that is printed. One StreamExecutionEnvironment, one job:
//
//   StreamTableEnvironment tenv = StreamTableEnvironment.create(env);
//   Table enrichedTable = tenv.fromDataStream(enrichedStream, Schema.newBuilder()
//       .columnByExpression("event_time", "CAST(ts AS TIMESTAMP_LTZ(3))")
//       .watermark("event_time", "event_time - INTERVAL '3' SECOND")
//       .build());
//   tenv.createTemporaryView("enriched_events", enrichedTable);
//   Table result = tenv.sqlQuery("SELECT user_id, COUNT(*) FROM enriched_events GROUP BY user_id");
//
// The input is a fixed list of events, so the job ends and its output is always the same.
#include <cstdio>
#include <string>

#include "eddy/datastream.h"
#include "eddy/table/stream_table_environment.h"

using namespace eddy;
using eddy::table::Schema;
using eddy::table::StreamTableEnvironment;
using eddy::table::Table;

// A page view; `ts` in seconds since the epoch.
struct PageEvent {
  std::string user_id;
  std::string page;
  int64_t ts = 0;
};

// A page view with what the job knows about its user: the page the user landed on first and
// how many pages the user has viewed so far.
struct EnrichedEvent {
  std::string user_id;
  std::string page;
  std::string landing_page;
  int64_t visit = 0;
  int64_t ts = 0;
};

// The enriched stream's columns, as Flink reads them from the POJO's fields.
template <>
struct eddy::table::PojoType<EnrichedEvent> {
  static auto fields() {
    return std::make_tuple(pojoField("user_id", &EnrichedEvent::user_id), pojoField("page", &EnrichedEvent::page),
                           pojoField("landing_page", &EnrichedEvent::landing_page),
                           pojoField("visit", &EnrichedEvent::visit), pojoField("ts", &EnrichedEvent::ts));
  }
};

// The custom state logic the DataStream API is for: remembers each user's landing page and
// counts the user's views.
class Enrichment final : public KeyedProcessFunction<std::string, PageEvent, EnrichedEvent> {
 public:
  void open() override {
    landing_page_ = getRuntimeContext().getState(state::ValueStateDescriptor<std::string>("landing-page"));
    visits_ = getRuntimeContext().getState(state::ValueStateDescriptor<int64_t>("visits"));
  }
  void processElement(const PageEvent& event, Context&, Collector<EnrichedEvent>& out) override {
    if (!landing_page_->value()) landing_page_->update(event.page);
    const int64_t visit = visits_->value().value_or(0) + 1;
    visits_->update(visit);
    out.collect(EnrichedEvent{event.user_id, event.page, *landing_page_->value(), visit, event.ts});
  }

 private:
  state::ValueState<std::string>* landing_page_ = nullptr;
  state::ValueState<int64_t>* visits_ = nullptr;
};

int main() {
  auto env = StreamExecutionEnvironment::getExecutionEnvironment();
  auto tenv = StreamTableEnvironment::create(*env);

  DataStream<PageEvent> events = env->fromElements(
      PageEvent{"alice", "/home", 1767225600}, PageEvent{"bob", "/pricing", 1767225601},
      PageEvent{"alice", "/cart", 1767225605}, PageEvent{"carol", "/home", 1767225607},
      PageEvent{"bob", "/signup", 1767225610}, PageEvent{"alice", "/checkout", 1767225612});
  DataStream<EnrichedEvent> enrichedStream = events.keyBy([](const PageEvent& event) { return event.user_id; })
                                                 .process(Enrichment())
                                                 .uid("enrichment")
                                                 .name("Enrichment");

  Result<Table> enrichedTable = tenv->fromDataStream(
      enrichedStream, Schema::newBuilder()
                          .columnByExpression("event_time", "CAST(ts AS TIMESTAMP_LTZ(3))")
                          .watermark("event_time", "event_time - INTERVAL '3' SECOND")
                          .build());
  if (!enrichedTable.ok()) {
    std::fprintf(stderr, "%s\n", enrichedTable.status().toString().c_str());
    return 1;
  }
  if (Status status = tenv->createTemporaryView("enriched_events", *enrichedTable); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.toString().c_str());
    return 1;
  }
  Result<Table> result = tenv->sqlQuery("SELECT user_id, COUNT(*) FROM enriched_events GROUP BY user_id");
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().toString().c_str());
    return 1;
  }
  Result<DataStream<types::Row>> counts = tenv->toChangelogStream(*result);
  if (!counts.ok()) {
    std::fprintf(stderr, "%s\n", counts.status().toString().c_str());
    return 1;
  }
  counts->print();

  auto executed = env->execute("Mixing Both in One Job");
  if (!executed.ok()) {
    std::fprintf(stderr, "%s\n", executed.status().toString().c_str());
    return 1;
  }
  return 0;
}
