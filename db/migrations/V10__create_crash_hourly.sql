-- Crashes per service, environment, kind and hour: what the overview's tiles and crash chart
-- read, so they add up a few hundred rows instead of every incident's hourly counts. Written in
-- the same transaction as the occurrences; the kind is the occurrence's own, so merging incidents
-- changes nothing here.
CREATE TABLE crash_hourly (
    service     text        NOT NULL,
    environment text        NOT NULL,
    kind        text        NOT NULL,
    hour        timestamptz NOT NULL,
    count       bigint      NOT NULL,
    PRIMARY KEY (service, environment, kind, hour)
);

CREATE INDEX crash_hourly_hour ON crash_hourly (hour);

INSERT INTO crash_hourly (service, environment, kind, hour, count)
SELECT o.service, o.environment, i.kind, date_trunc('hour', o.occurred_at, 'UTC'), count(*)
FROM occurrence o JOIN incident i ON i.id = o.incident_id
GROUP BY 1, 2, 3, 4;
