-- Idempotency of POST /api/v1/events: an event id is stored once per service. The primary key
-- decides between concurrent copies, also when they reach two replicas at the same moment.
CREATE TABLE ingested_event (
    service     text        NOT NULL,
    event_id    text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (service, event_id)
);

-- For a retention job that forgets old event ids.
CREATE INDEX ingested_event_received_at_idx ON ingested_event (received_at);

-- The unfinished end of the last POST /api/v1/logs body of a stream: a crash or race report that
-- may go on in the next request. Empty strings stand for "no instance" and "no stream name".
-- The text is kept as bytes, exactly as received (log streams may hold any byte).
CREATE TABLE stream_tail (
    service     text        NOT NULL,
    environment text        NOT NULL,
    instance    text        NOT NULL,
    stream      text        NOT NULL,
    version     text,
    text        bytea       NOT NULL,
    -- changes with every write; a request consumes the tail it read only if it is unchanged
    generation  uuid        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (service, environment, instance, stream)
);

-- For the job that stores tails nobody continued in time.
CREATE INDEX stream_tail_updated_at_idx ON stream_tail (updated_at);
