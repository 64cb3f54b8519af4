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

INSERT INTO page_counts
SELECT
    user_id,
    TUMBLE_START(event_time, INTERVAL '5' MINUTE),
    TUMBLE_END(event_time,   INTERVAL '5' MINUTE),
    COUNT(*) AS page_count
FROM page_events
GROUP BY user_id, TUMBLE(event_time, INTERVAL '5' MINUTE);
