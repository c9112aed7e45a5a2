-- The dashboard's incident list and overview.
-- Free text searches the title, message, culprit and the fingerprint's frames of an
-- incident as one substring match; a trigram index keeps that an index scan (pg_trgm is a
-- trusted extension: a database owner may create it). The text expression must stay the same
-- as IncidentQueries.SEARCH_TEXT, or the planner cannot use the index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX incident_search_text ON incident USING gin ((
    title || ' ' || coalesce(message, '') || ' ' || coalesce(culprit_function, '') || ' '
        || coalesce(culprit_file, '') || ' ' || fingerprint_components::text
) gin_trgm_ops);

-- The overview reads the hourly rollups of every incident for the last hours or days.
CREATE INDEX incident_hourly_hour ON incident_hourly (hour);

-- The overview's chart marks the deploys of its time range, of every service.
CREATE INDEX deploy_deployed_at ON deploy (deployed_at);
