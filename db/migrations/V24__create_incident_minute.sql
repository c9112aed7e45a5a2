-- Occurrences per incident and minute of receipt, written by ingestion in the same transaction
-- as the occurrences (like incident_hourly, which counts by the hour of occurrence). The alert
-- rules on occurrences (any occurrence, new fingerprint, regression, count in window) run every
-- second or every 15 seconds over windows of minutes to hours; reading the occurrences of their
-- window made each evaluation cost as much as the window held (hundreds of thousands of rows at
-- a thousand crashes a second). They read these rows instead: at most one per incident and
-- minute.
--
-- first_occurred_at and last_received_at keep what the rules need beyond the count: the
-- earliest occurrence time (new fingerprint and regression compare it with the timeline), and
-- the latest receipt, so an alert stops firing exactly when the window has passed its last
-- occurrence. Rows older than the longest rule window (7 days) are deleted by the occurrence
-- maintenance job.
CREATE TABLE incident_minute (
    incident_id       bigint      NOT NULL REFERENCES incident (id),
    minute            timestamptz NOT NULL,
    count             bigint      NOT NULL,
    first_occurred_at timestamptz NOT NULL,
    last_received_at  timestamptz NOT NULL,
    PRIMARY KEY (incident_id, minute)
);

-- the rules' windows and the retention
CREATE INDEX incident_minute_minute ON incident_minute (minute);

-- The last day of occurrences, so that the built-in windows (5 minutes, 1 hour) count what came
-- before the upgrade; a rule with a longer window counts from here on.
INSERT INTO incident_minute (incident_id, minute, count, first_occurred_at, last_received_at)
SELECT incident_id, date_trunc('minute', received_at, 'UTC'), count(*), min(occurred_at), max(received_at)
FROM occurrence WHERE received_at > now() - interval '1 day'
GROUP BY 1, 2;
