-- The GC minute rollup recomputed every minute the last 10 closed minutes of every instance from
-- the raw rows: at 1,000 requests/s that sorted some 375,000 rows a run and took 1.4-3 s. Most of
-- that work repeated minutes that could no longer change: gc cycles and memory samples are stored
-- under their receipt time and committed within seconds of it. Only GC pauses, stored under the
-- time they ended, land in older minutes, when an expvar sample arrives after a gap.
--
-- So a run now recomputes in full only the minutes since shortly before the previous run rolled
-- up to, and of the older minutes of the window those of instances that received a pause for
-- them since. For that, a pause keeps when it was received, and the rollup keeps how far it got.

-- NULL for pauses stored before this migration
ALTER TABLE gc_pause ADD COLUMN received_at timestamptz;

CREATE TABLE gc_minute_progress (
    -- one row: the end of the last run's closed minutes
    id        boolean     PRIMARY KEY DEFAULT true CHECK (id),
    rolled_to timestamptz NOT NULL
);
