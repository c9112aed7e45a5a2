-- The dashboard's free-text search moves out of the incident row into its own table.
--
-- Ingestion updates an incident's counters and last-seen time for every batch. Such an update
-- writes a new row version with new entries in every index of the table, and for the trigram
-- index of V6 that meant re-adding every trigram of the title, message, culprit and
-- fingerprint frames (about a kilobyte of text) each time, although that text rarely changes.
-- Kept in incident_search and maintained by triggers, the text and its trigrams are written
-- only when an incident is created or its searchable text really changes.

CREATE TABLE incident_search (
    incident_id bigint PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
    -- title, message, culprit function and file, and the fingerprint's frames, as one text
    text        text   NOT NULL
);

CREATE FUNCTION incident_searchable_text(i incident) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN i.title || ' ' || coalesce(i.message, '') || ' ' || coalesce(i.culprit_function, '') || ' '
        || coalesce(i.culprit_file, '') || ' ' || i.fingerprint_components::text;

INSERT INTO incident_search (incident_id, text)
SELECT i.id, incident_searchable_text(i) FROM incident i;

DROP INDEX incident_search_text;

CREATE INDEX incident_search_text ON incident_search USING gin (text gin_trgm_ops);

CREATE FUNCTION incident_search_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incident_search (incident_id, text) VALUES (NEW.id, incident_searchable_text(NEW))
    ON CONFLICT (incident_id) DO UPDATE SET text = EXCLUDED.text;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_search_on_insert AFTER INSERT ON incident
    FOR EACH ROW EXECUTE FUNCTION incident_search_sync();

CREATE TRIGGER incident_search_on_update AFTER UPDATE ON incident
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title
        OR OLD.message IS DISTINCT FROM NEW.message
        OR OLD.culprit_function IS DISTINCT FROM NEW.culprit_function
        OR OLD.culprit_file IS DISTINCT FROM NEW.culprit_file
        OR OLD.fingerprint_components IS DISTINCT FROM NEW.fingerprint_components)
    EXECUTE FUNCTION incident_search_sync();
