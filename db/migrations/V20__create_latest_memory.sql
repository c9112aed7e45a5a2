-- The latest heap figures of every instance, one row per instance and source, kept by the
-- writers of gc_cycle (source 'gctrace') and memory_sample (source 'expvar') in the same
-- transaction as the rows they store. The heap and goroutine gauges and the metric alert
-- rules read it every 15 s. They used to find each instance's latest row by sorting every GC
-- cycle and memory sample of the last 10 minutes, which took 1.9 s a run at 1,000 requests/s.
--
-- An instance's row only moves forward: a write replaces it when it is newer by receipt time,
-- then by number (the gctrace cycle number, or an expvar sample's NumGC), as the sort did.
-- A gctrace cycle without an instance is stored under the instance ''.
CREATE TABLE latest_memory (
    service      text             NOT NULL,
    environment  text             NOT NULL,
    instance     text             NOT NULL,
    source       text             NOT NULL CHECK (source IN ('gctrace', 'expvar')),
    received_at  timestamptz      NOT NULL,
    number       bigint           NOT NULL,
    live_bytes   double precision NOT NULL,
    goal_bytes   double precision NOT NULL,
    -- expvar samples only, when the service publishes a goroutine count
    goroutines   integer,
    PRIMARY KEY (service, environment, instance, source)
) WITH (fillfactor = 70);

-- Rows kept before this migration: the latest of each instance and source.
INSERT INTO latest_memory (service, environment, instance, source, received_at, number, live_bytes, goal_bytes)
SELECT DISTINCT ON (service, environment, coalesce(instance, ''))
       service, environment, coalesce(instance, ''), 'gctrace', received_at, number,
       heap_live_mb * 1048576.0, goal_mb * 1048576.0
FROM gc_cycle
ORDER BY service, environment, coalesce(instance, ''), received_at DESC, number DESC;

INSERT INTO latest_memory (service, environment, instance, source, received_at, number, live_bytes, goal_bytes,
                           goroutines)
SELECT DISTINCT ON (service, environment, instance)
       service, environment, instance, 'expvar', received_at, num_gc, heap_alloc_bytes, next_gc_bytes, goroutines
FROM memory_sample
ORDER BY service, environment, instance, received_at DESC, num_gc DESC;
