-- A Go service that reports to panicboard. Later migrations attach incidents, GC samples,
-- tokens, rules and SLOs to it by name.
CREATE TABLE service (
    name                 text        PRIMARY KEY,
    team                 text,
    -- e.g. https://git.example.com/shop/blob/{version}/{file}#L{line}
    source_link_template text,
    -- function name prefixes that count as the service's own code (not the runtime or libraries)
    in_app_prefixes      text[]      NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT service_name_not_blank CHECK (btrim(name) <> '')
);
