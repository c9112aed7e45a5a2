-- Autovacuum works on the occurrence partitions unthrottled (PostgreSQL's default cost delay is
-- 2 ms). A partition is only ever appended to, so its vacuums mark the newest pages all-visible
-- and frozen; throttled, on a partition growing by thousands of rows a second, that vacuum ran
-- beside the ingestion writers for most of a minute at a time, and batched ingestion was about
-- 14% slower (docs/benchmarks.md). PostgreSQL keeps storage parameters per partition: the
-- partitions made from now on get them when they are created (OccurrencePartitions); these
-- are the ones made before.
DO $$
DECLARE
    p regclass;
BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'occurrence'::regclass LOOP
        EXECUTE format('ALTER TABLE %s SET (autovacuum_vacuum_cost_delay = 0, toast.autovacuum_vacuum_cost_delay = 0)', p);
    END LOOP;
END
$$;
