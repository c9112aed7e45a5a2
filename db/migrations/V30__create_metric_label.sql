-- The service and environment names that have series of their own in /metrics
-- (docs/metrics.md#bounded-labels). Senders choose these names, so panicboard gives the first
-- panicboard.metrics.max-services services, and per service the first
-- panicboard.metrics.max-environments-per-service environments, their own series, in the order
-- of this table's id; the metrics of any further one are counted under "_other". Every replica
-- reads the same rows, so they agree, also after a restart. Rows are added only while a scope
-- has room (under an advisory lock), so the table holds at most the limits' worth per scope,
-- plus the rows of the names known before it existed.
CREATE TABLE metric_label (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label       text        NOT NULL CHECK (label IN ('service', 'environment')),
    -- '' for services; for environments the service label value they belong to
    scope       text        NOT NULL,
    value       text        NOT NULL,
    admitted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT metric_label_key UNIQUE (label, scope, value)
);

-- Names known before: services in the order they were created, and each service's
-- environments in the order of their first incident or latest memory figures, so that the
-- long-standing names keep their series.
INSERT INTO metric_label (label, scope, value)
SELECT 'service', '', name FROM service ORDER BY created_at, name;

INSERT INTO metric_label (label, scope, value)
SELECT 'environment', service, environment
FROM (SELECT service, environment, first_seen AS seen FROM incident
      UNION ALL
      SELECT service, environment, received_at FROM latest_memory) known
GROUP BY service, environment
ORDER BY min(seen), service, environment;
