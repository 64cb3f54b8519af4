-- The seed's Page Event Aggregator in Flink SQL: page events from Kafka, counted per user in
-- 5-minute tumbling windows, written to PostgreSQL through JDBC. The two CREATE TABLE
-- statements and the INSERT are the seed's, verbatim; `make demo-kafka`
-- (scripts/demo_kafka.sh) puts the real broker's and database's addresses in place of
-- kafka:9092 and localhost:5432 and runs this file with `eddy sql -f`.
--
-- The ALTER TABLE statements between them add what the seed leaves to its deployment, as a
-- Flink user would: the consumer group and a bounded read of the events produced so far (so
-- that the job ends and the last windows fire), and the database's credentials.

CREATE TABLE page_events (
    user_id STRING,
    page   STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic'     = 'page-events',
    'properties.bootstrap.servers' = 'kafka:9092',
    'format'    = 'json'
);

CREATE TABLE page_counts (
    user_id      STRING,
    window_start TIMESTAMP(3),
    window_end   TIMESTAMP(3),
    page_count   BIGINT
) WITH (
    'connector'  = 'jdbc',
    'url'        = 'jdbc:postgresql://localhost:5432/analytics',
    'table-name' = 'page_counts'
);

ALTER TABLE page_events SET (
    'properties.group.id' = 'page-event-aggregator',
    'scan.startup.mode'   = 'earliest-offset',
    'scan.bounded.mode'   = 'latest-offset'
);

ALTER TABLE page_counts SET (
    'username' = '${JDBC_USERNAME}',
    'password' = '${JDBC_PASSWORD}'
);

INSERT INTO page_counts
SELECT
    user_id,
    TUMBLE_START(event_time, INTERVAL '5' MINUTE),
    TUMBLE_END(event_time,   INTERVAL '5' MINUTE),
    COUNT(*) AS page_count
FROM page_events
GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE);
