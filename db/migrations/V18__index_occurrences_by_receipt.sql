-- Occurrences by the time they were received, for the jobs that read the last minutes of
-- them: the SLO rollup (every minute, its window of closed minutes) and the alert rules on
-- occurrences (every evaluation, the rule's window). The other indexes lead with the incident
-- or the service: PostgreSQL 18 reached a window through them only by a skip scan (one descent
-- per fingerprint), then fetched the rows in that index's order rather than where they lie.
--
-- Occurrences are appended in the order they are received, so a BRIN index (one summary
-- per 128 pages, a few kilobytes for millions of rows, next to nothing to maintain on
-- insert) finds a window's pages; autosummarize keeps the summaries up to date as pages
-- fill, and pages not yet summarized are always read, which is where the newest rows are.
CREATE INDEX occurrence_received_at ON occurrence USING brin (received_at) WITH (autosummarize = on);

-- The kind of the occurrence's own finding (an occurrence merged into another incident keeps
-- its kind), so that those jobs need not decompress the stored finding to read it. Rows
-- stored before this column have it only in the finding: readers fall back to
-- finding->>'kind' rather than this migration rewriting every row.
ALTER TABLE occurrence ADD COLUMN kind text;
