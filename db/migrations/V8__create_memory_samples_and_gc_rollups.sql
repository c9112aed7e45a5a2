-- Memory and GC health per service: expvar samples, the GC pauses derived from them, and minute
-- rollups of both sources (gctrace cycles and expvar), which pages and metrics read.

-- One GET /debug/vars document of one instance, as POST /api/v1/metrics/expvar received it.
CREATE TABLE memory_sample (
    service          text             NOT NULL,
    environment      text             NOT NULL,
    instance         text             NOT NULL,
    received_at      timestamptz      NOT NULL,
    heap_alloc_bytes bigint           NOT NULL,
    heap_inuse_bytes bigint           NOT NULL,
    heap_sys_bytes   bigint           NOT NULL,
    next_gc_bytes    bigint           NOT NULL,
    num_gc           bigint           NOT NULL,
    pause_total_ns   bigint           NOT NULL,
    gc_cpu_fraction  double precision NOT NULL,
    -- only when the service publishes a goroutine count
    goroutines       integer
) PARTITION BY RANGE (received_at);

CREATE INDEX memory_sample_instance_received_at ON memory_sample (service, environment, instance, received_at DESC);

-- A GC pause recovered from memstats' PauseNs/PauseEnd ring buffer between two samples.
CREATE TABLE gc_pause (
    service        text             NOT NULL,
    environment    text             NOT NULL,
    instance       text             NOT NULL,
    -- memstats NumGC of this cycle
    number         bigint           NOT NULL,
    ended_at       timestamptz      NOT NULL,
    pause_seconds  double precision NOT NULL
) PARTITION BY RANGE (ended_at);

CREATE INDEX gc_pause_service_ended_at ON gc_pause (service, environment, ended_at);

-- Per service, environment, instance and minute; kept longer than raw cycles and samples.
CREATE TABLE gc_minute (
    service              text             NOT NULL,
    environment          text             NOT NULL,
    instance             text             NOT NULL,
    minute               timestamptz      NOT NULL,
    cycles               integer          NOT NULL,
    pause_p50_seconds    double precision,
    pause_p99_seconds    double precision,
    pause_max_seconds    double precision,
    heap_live_max_bytes  bigint,
    heap_goal_bytes      bigint,
    gc_cpu_percent       double precision,
    goroutines           integer,
    PRIMARY KEY (service, environment, instance, minute)
);

CREATE INDEX gc_minute_service_minute ON gc_minute (service, environment, minute);
