-- GC cycles, GC pauses and memory samples by their time, for the jobs and pages that read the
-- last minutes of them across all services: the GC minute rollup and the SLO rollup (every
-- minute, their window), and the latest heap per service (the metrics and the overview).
-- Their indexes of V3 and V8 lead with the service (and instance): a window across all services
-- was reached only by a skip scan, one descent per service or instance.
--
-- Rows arrive in about the order of these times, so a BRIN index (as for occurrences in V18)
-- finds a window's pages for next to nothing on insert.
CREATE INDEX gc_cycle_received_at ON gc_cycle USING brin (received_at) WITH (autosummarize = on);
CREATE INDEX gc_pause_ended_at ON gc_pause USING brin (ended_at) WITH (autosummarize = on);
CREATE INDEX memory_sample_received_at ON memory_sample USING brin (received_at) WITH (autosummarize = on);
