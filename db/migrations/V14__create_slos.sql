-- Service level objectives and the rollups their indicators are computed from. Every rollup
-- is per service and environment, keyed by the minute (or hour) of receipt, and recomputed
-- for the last few closed minutes by the SLO rollup job, so the ingest hot path is untouched.

-- One objective of a service in an environment (fields follow OpenSLO, see docs/slos.md).
CREATE TABLE slo (
    id                      bigserial        PRIMARY KEY,
    name                    text             NOT NULL UNIQUE,
    description             text,
    service                 text             NOT NULL,
    environment             text             NOT NULL,
    -- crash_budget, crash_free_time, gc_pause, time_to_resolve
    indicator               text             NOT NULL,
    -- crash kinds counted (crash_budget, crash_free_time)
    kinds                   text[]           NOT NULL DEFAULT '{}',
    -- crash_budget: the crashes allowed per window
    max_crashes             integer,
    -- gc_pause: a pause is good when at most this long (one of the histogram bounds)
    pause_threshold_seconds double precision,
    -- time_to_resolve: incidents of this severity, good when resolved within this many seconds
    severity                text,
    resolve_within_seconds  bigint,
    -- the target ratio of good events (null for crash_budget)
    objective               double precision,
    -- 7, 28 or 30 for rolling windows; null for the calendar month
    window_days             integer,
    rolling                 boolean          NOT NULL,
    -- occurrences or timeslices
    budgeting_method        text             NOT NULL,
    created_at              timestamptz      NOT NULL,
    updated_at              timestamptz      NOT NULL,
    updated_by              text,
    CONSTRAINT slo_indicator CHECK (indicator IN ('crash_budget', 'crash_free_time', 'gc_pause', 'time_to_resolve')),
    CONSTRAINT slo_window CHECK ((rolling AND window_days IN (7, 28, 30)) OR (NOT rolling AND window_days IS NULL)),
    CONSTRAINT slo_objective CHECK (objective IS NULL OR (objective > 0 AND objective < 1))
);

CREATE INDEX slo_service ON slo (service, environment);

-- POST /api/v1/heartbeats: an instance said it is alive in this minute.
CREATE TABLE heartbeat (
    service     text        NOT NULL,
    environment text        NOT NULL,
    instance    text        NOT NULL,
    minute      timestamptz NOT NULL,
    version     text,
    started_at  timestamptz,
    PRIMARY KEY (service, environment, instance, minute)
);

CREATE INDEX heartbeat_minute ON heartbeat (minute);

-- An instance observed in a minute (a gc line, an expvar sample, a heartbeat or a crash), with
-- the kinds it crashed with in that minute ('{}' when none).
CREATE TABLE slo_instance_minute (
    service     text        NOT NULL,
    environment text        NOT NULL,
    instance    text        NOT NULL,
    minute      timestamptz NOT NULL,
    crash_kinds text[]      NOT NULL,
    PRIMARY KEY (service, environment, instance, minute)
);

CREATE INDEX slo_instance_minute_minute ON slo_instance_minute (minute);

-- The instance-minutes of an hour, by the set of kinds crashed with.
CREATE TABLE slo_instance_hour (
    service     text        NOT NULL,
    environment text        NOT NULL,
    hour        timestamptz NOT NULL,
    crash_kinds text[]      NOT NULL,
    minutes     bigint      NOT NULL,
    PRIMARY KEY (service, environment, hour, crash_kinds)
);

-- Crashes (occurrences) by kind and minute / hour of receipt.
CREATE TABLE slo_crash_minute (
    service     text        NOT NULL,
    environment text        NOT NULL,
    kind        text        NOT NULL,
    minute      timestamptz NOT NULL,
    count       bigint      NOT NULL,
    PRIMARY KEY (service, environment, kind, minute)
);

CREATE TABLE slo_crash_hour (
    service     text        NOT NULL,
    environment text        NOT NULL,
    kind        text        NOT NULL,
    hour        timestamptz NOT NULL,
    count       bigint      NOT NULL,
    PRIMARY KEY (service, environment, kind, hour)
);

-- GC cycles (gctrace and expvar pauses) by minute / hour, with within[i] = the cycles whose
-- pause was at most the i-th bound of panicboard_gc_pause_seconds (see GcPauseBounds).
CREATE TABLE slo_gc_minute (
    service     text        NOT NULL,
    environment text        NOT NULL,
    minute      timestamptz NOT NULL,
    cycles      bigint      NOT NULL,
    within      bigint[]    NOT NULL,
    PRIMARY KEY (service, environment, minute)
);

CREATE TABLE slo_gc_hour (
    service     text        NOT NULL,
    environment text        NOT NULL,
    hour        timestamptz NOT NULL,
    cycles      bigint      NOT NULL,
    within      bigint[]    NOT NULL,
    PRIMARY KEY (service, environment, hour)
);

-- The rollup job finds the crashes of its window by time of receipt through the BRIN index
-- occurrence_received_at_brin (V11), which costs the ingest hot path almost nothing.
