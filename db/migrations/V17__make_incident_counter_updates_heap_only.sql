-- Ingestion updates an incident's counters, last-seen time, latest message and version with
-- every batch that holds one of its occurrences: hundreds of times a second per busy incident.
-- An update that changes no indexed column and finds room on the row's page is heap-only
-- (HOT): it adds no index entries, and the old row version is pruned from the page without
-- waiting for VACUUM. last_seen was in three indexes of V3, so under 1% of these updates were
-- heap-only, each added five index entries, and autovacuum had to clean them all.
--
-- The dashboard still finds a service's incidents by status through an index; it sorts by
-- last seen (or count, or first seen) after filtering, which for the tens of thousands of
-- incidents a deployment has is a top-N sort in memory (docs/benchmarks.md, "Dashboard pages").
-- A fill factor of 70 leaves room on each page for the new row versions.

ALTER TABLE incident SET (fillfactor = 70);

DROP INDEX incident_service_status_last_seen;
DROP INDEX incident_status_last_seen;
DROP INDEX incident_last_seen;

CREATE INDEX incident_service_status ON incident (service, status);
