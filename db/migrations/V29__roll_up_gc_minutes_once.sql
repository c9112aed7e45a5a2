-- The GC minute rollup recomputed every run the last three closed minutes of every instance
-- (the new one, and the two before it again in case a request of theirs committed late), so it
-- aggregated and sorted each minute's cycles, pauses and samples three times. A late commit is
-- rare; what the rollup needs is to know which rows it has not seen yet.
--
-- A run keeps a snapshot taken before it read anything; the next run rolls up each new minute
-- once, and recomputes an older minute only for the instances with a row of that minute that
-- the kept snapshot does not show (written by a transaction that had not committed then).

-- NULL until the first run with this migration, which then recomputes its whole window
ALTER TABLE gc_minute_progress ADD COLUMN seen pg_snapshot;

-- Whether a row was written by a transaction that the snapshot does not show as committed.
-- xmin is a 32-bit transaction id; age() counts back from the current transaction, whose full
-- id (pg_current_xact_id(), taken before age() is first called) the caller passes.
CREATE FUNCTION written_after(row_xmin xid, current_xact bigint, snapshot pg_snapshot) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN NOT pg_visible_in_snapshot(CAST(CAST(current_xact - age(row_xmin) AS text) AS xid8), snapshot);
