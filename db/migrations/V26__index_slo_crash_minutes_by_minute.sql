-- The SLO rollup compares, for each minute of its window, how many occurrences ingestion
-- counted (incident_minute, by minute) with how many its crash minutes count, and reads the
-- occurrences of a minute again only when they differ. The sum over a minute's crash rows
-- needs them by minute; the primary key starts with the service.
CREATE INDEX slo_crash_minute_minute ON slo_crash_minute (minute) INCLUDE (count);
