-- Every run of an occurrence rule rewrites each of its unresolved alerts (their value and
-- last_seen_at change): under a crash storm about a thousand rows a second. The update changes no
-- indexed column, so it is heap-only (HOT) when the new row version finds room on its page; with
-- the default fill factor of 100 about half of them did not (the load benchmark's report), and
-- each of those added three index entries. A fill factor of 70 leaves room on each page, as V17
-- does for incidents. It applies to pages written from now on.

ALTER TABLE alert SET (fillfactor = 70);
