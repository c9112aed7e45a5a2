-- A time sent as microseconds since the Unix epoch. The batched writer sends the times in the
-- arrays of its counter and rollup statements (about seven per ingested event) as bigints rather
-- than as RFC 3339 text: PostgreSQL parses such a text in about 0.5 µs and converts a bigint in
-- about 0.1 µs, and an array of bigints travels in binary. Exact for every timestamptz: whole
-- seconds and the rest are converted apart, with integer arithmetic. A one-line SQL function, so
-- the planner inlines it.
CREATE FUNCTION from_epoch_micros(micros bigint) RETURNS timestamptz
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN to_timestamp(micros / 1000000) + (micros % 1000000) * interval '1 microsecond';
