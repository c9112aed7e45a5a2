-- Incidents: occurrences grouped by (service, environment, fingerprint), with exact counters,
-- rollups, a timeline, deploy markers, gc cycles and the lock table of scheduled jobs.
-- Services are not referenced by foreign key: rows are created by the service catalog on the
-- first ingest, and the hot path must not fail on the order of two inserts.

CREATE TABLE incident (
    id                     bigserial   PRIMARY KEY,
    service                text        NOT NULL,
    environment            text        NOT NULL,
    fingerprint            text        NOT NULL,
    -- panic, fatal or race
    type                   text        NOT NULL,
    kind                   text        NOT NULL,
    severity               text        NOT NULL,
    status                 text        NOT NULL DEFAULT 'open',
    -- e.g. "nil_map_write in main.(*Index).Add"
    title                  text        NOT NULL,
    -- the message of the latest occurrence
    message                text,
    culprit_function       text,
    culprit_file           text,
    culprit_line           integer,
    map_related            boolean     NOT NULL DEFAULT false,
    fingerprint_components jsonb       NOT NULL DEFAULT '[]',
    first_seen             timestamptz NOT NULL,
    last_seen              timestamptz NOT NULL,
    event_count            bigint      NOT NULL DEFAULT 0,
    last_version           text,
    resolved_at            timestamptz,
    resolved_in_version    text,
    muted_until            timestamptz,
    assignee               text,
    merged_into            bigint      REFERENCES incident (id),
    merged_at              timestamptz,
    CONSTRAINT incident_key UNIQUE (service, environment, fingerprint),
    CONSTRAINT incident_status CHECK (status IN ('open', 'acknowledged', 'resolved', 'muted')),
    CONSTRAINT incident_not_merged_into_itself CHECK (merged_into <> id),
    CONSTRAINT incident_event_count CHECK (event_count >= 0)
);

-- The dashboard: a service's incidents by status, newest activity first; everything by
-- activity, count or age.
CREATE INDEX incident_service_status_last_seen ON incident (service, status, last_seen DESC);
CREATE INDEX incident_status_last_seen ON incident (status, last_seen DESC);
CREATE INDEX incident_last_seen ON incident (last_seen DESC);
CREATE INDEX incident_merged_into ON incident (merged_into) WHERE merged_into IS NOT NULL;

-- One row per crash or race found; partitioned by month of receipt, retention drops whole
-- partitions.
CREATE TABLE occurrence (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    incident_id bigint      NOT NULL,
    service     text        NOT NULL,
    environment text        NOT NULL,
    fingerprint text        NOT NULL,
    received_at timestamptz NOT NULL,
    occurred_at timestamptz NOT NULL,
    version     text,
    instance    text,
    event_id    text,
    -- the clean trace text (collector prefixes removed)
    text        text        NOT NULL,
    -- the analysed finding, without its text
    finding     jsonb       NOT NULL,
    PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);

CREATE INDEX occurrence_incident_received_at ON occurrence (incident_id, received_at DESC);
CREATE INDEX occurrence_key_received_at ON occurrence (service, environment, fingerprint, received_at);

CREATE TABLE incident_hourly (
    incident_id bigint      NOT NULL REFERENCES incident (id),
    hour        timestamptz NOT NULL,
    count       bigint      NOT NULL,
    PRIMARY KEY (incident_id, hour)
);

CREATE TABLE incident_version (
    incident_id bigint      NOT NULL REFERENCES incident (id),
    version     text        NOT NULL,
    count       bigint      NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (incident_id, version)
);

CREATE TABLE incident_instance (
    incident_id bigint      NOT NULL REFERENCES incident (id),
    instance    text        NOT NULL,
    count       bigint      NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (incident_id, instance)
);

-- first_seen, regression, acknowledged, resolved, reopened, muted, unmuted, assigned, note,
-- merged, merged_from, unmerged, unmerged_from; deploys are joined in when read.
CREATE TABLE timeline_entry (
    id          bigserial   PRIMARY KEY,
    incident_id bigint      NOT NULL REFERENCES incident (id),
    at          timestamptz NOT NULL,
    type        text        NOT NULL,
    actor       text,
    detail      jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX timeline_entry_incident_at ON timeline_entry (incident_id, at);

CREATE TABLE deploy (
    id          bigserial   PRIMARY KEY,
    service     text        NOT NULL,
    environment text        NOT NULL,
    version     text        NOT NULL,
    deployed_at timestamptz NOT NULL,
    url         text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX deploy_service_environment_deployed_at ON deploy (service, environment, deployed_at);

-- One gctrace line; partitioned by day of receipt.
CREATE TABLE gc_cycle (
    service                     text             NOT NULL,
    environment                 text             NOT NULL,
    instance                    text,
    received_at                 timestamptz      NOT NULL,
    number                      bigint           NOT NULL,
    at_seconds                  double precision NOT NULL,
    cpu_percent                 integer          NOT NULL,
    clock_sweep_termination_ms  double precision NOT NULL,
    clock_mark_ms               double precision NOT NULL,
    clock_mark_termination_ms   double precision NOT NULL,
    cpu_sweep_termination_ms    double precision NOT NULL,
    cpu_assist_ms               double precision NOT NULL,
    cpu_background_ms           double precision NOT NULL,
    cpu_idle_ms                 double precision NOT NULL,
    cpu_mark_termination_ms     double precision NOT NULL,
    heap_before_mb              bigint           NOT NULL,
    heap_after_mb               bigint           NOT NULL,
    heap_live_mb                bigint           NOT NULL,
    goal_mb                     bigint           NOT NULL,
    stacks_mb                   bigint,
    globals_mb                  bigint,
    procs                       integer          NOT NULL,
    forced                      boolean          NOT NULL
) PARTITION BY RANGE (received_at);

CREATE INDEX gc_cycle_service_received_at ON gc_cycle (service, environment, received_at);

-- ShedLock's table: scheduled jobs run once across replicas.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

-- The partitions of this month and the next, and of today and the next seven days, so that a
-- fresh database takes inserts before the maintenance job first runs. The job uses the same
-- names: occurrence_pYYYY_MM and gc_cycle_pYYYY_MM_DD.
DO $$
DECLARE
    month_start date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    day_start   date := (now() AT TIME ZONE 'UTC')::date;
    m date;
    d date;
BEGIN
    FOR i IN 0..2 LOOP
        m := (month_start + make_interval(months => i))::date;
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF occurrence FOR VALUES FROM (%L) TO (%L)',
            'occurrence_p' || to_char(m, 'YYYY_MM'), m::text || ' 00:00:00+00',
            (m + interval '1 month')::date::text || ' 00:00:00+00');
    END LOOP;
    FOR i IN 0..7 LOOP
        d := day_start + i;
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF gc_cycle FOR VALUES FROM (%L) TO (%L)',
            'gc_cycle_p' || to_char(d, 'YYYY_MM_DD'), d::text || ' 00:00:00+00',
            (d + 1)::text || ' 00:00:00+00');
    END LOOP;
END
$$;
