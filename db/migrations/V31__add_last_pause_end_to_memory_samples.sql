-- The end (memstats PauseEnd, Unix ns) of the newest cycle a sample's ring held, NULL when
-- it held none: the next sample of the instance compares it with the same cycle's slot of its
-- own ring to tell a new process that has already run as many cycles as the old one had.
ALTER TABLE memory_sample ADD COLUMN last_pause_end_ns bigint;
