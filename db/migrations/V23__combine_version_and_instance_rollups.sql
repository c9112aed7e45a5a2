-- An incident's versions and instances are counted in one rollup of (version, instance) pairs
-- instead of one table each. An instance runs one version at a time, so a deployment has about
-- as many pairs as instances, and every batch wrote two rows per instance it touched (its
-- version's and its own); now it writes one. The detail's distinct versions and instances, their
-- counts and first/last seen are sums, minimums and maximums over an incident's pairs.
--
-- An occurrence without a version (or instance) counts under '' for it; '' is never shown as a
-- value. The counts of V3's tables move as pairs with the other side unknown: (version, '') and
-- ('', instance), which keeps both sides' counts and times exactly.

CREATE TABLE incident_version_instance (
    incident_id bigint      NOT NULL REFERENCES incident (id),
    version     text        NOT NULL,
    instance    text        NOT NULL,
    count       bigint      NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (incident_id, version, instance)
);

INSERT INTO incident_version_instance (incident_id, version, instance, count, first_seen, last_seen)
SELECT incident_id, version, '', count, first_seen, last_seen FROM incident_version WHERE version <> '';

INSERT INTO incident_version_instance (incident_id, version, instance, count, first_seen, last_seen)
SELECT incident_id, '', instance, count, first_seen, last_seen FROM incident_instance WHERE instance <> '';

DROP TABLE incident_version;
DROP TABLE incident_instance;
