-- Migration V18 indexed occurrence.received_at with BRIN (occurrence_received_at, summarised as
-- pages fill) without noticing that V11 had already added one (occurrence_received_at_brin,
-- summarised only by vacuum). Every insert maintained both. The planner can use either; the
-- one kept is V18's.
DROP INDEX occurrence_received_at_brin;
