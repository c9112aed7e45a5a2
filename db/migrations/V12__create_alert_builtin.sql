-- The built-in alert rules created so far, by key: a built-in rule is created once, on the
-- first start that knows it, so a rule that users deleted does not come back on the next
-- start. Replicas starting together insert the same key; the primary key lets one win.
CREATE TABLE alert_builtin (
    builtin_key text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);
