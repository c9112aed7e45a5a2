-- Alerting: rules, the state of their alerts, silences, notification channels and the
-- notification outbox, which is also the delivery log.

-- A rule: which occurrences or series it watches (matchers), when it fires (condition),
-- what it says (severity, labels, annotations) and where it sends (channels).
CREATE TABLE alert_rule (
    id             bigserial   PRIMARY KEY,
    name           text        NOT NULL,
    -- set on the rules created on first start, e.g. 'nil_map_write'; null for rules users made
    builtin_key    text,
    description    text,
    enabled        boolean     NOT NULL DEFAULT true,
    -- critical, high, warning or info (analysis.Severity)
    severity       text        NOT NULL,
    -- {"services":[],"environments":[],"kinds":[],"severities":[],"mapRelated":null}; an empty
    -- list or null matches everything
    matchers       jsonb       NOT NULL DEFAULT '{}',
    -- any_occurrence, count_in_window, new_fingerprint, regression, metric_threshold, slo_burn_rate
    condition_type text        NOT NULL,
    -- count_in_window: the count that fires (>=); metric_threshold: the value that fires (>)
    threshold      double precision,
    -- count_in_window: the window counted; occurrence conditions: how long an alert stays
    -- firing after the last matching occurrence
    window_seconds integer,
    -- Prometheus' "for": how long the condition must hold before pending becomes firing
    for_seconds    integer     NOT NULL DEFAULT 0,
    -- metric_threshold: heap_live_bytes or goroutines
    metric         text,
    labels         jsonb       NOT NULL DEFAULT '{}',
    -- summary, description, runbook_url
    annotations    jsonb       NOT NULL DEFAULT '{}',
    -- names of notification_channel rows; empty: every channel with send_by_default
    channels       text[]      NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     text,
    CONSTRAINT alert_rule_name UNIQUE (name),
    CONSTRAINT alert_rule_builtin_key UNIQUE (builtin_key),
    CONSTRAINT alert_rule_severity CHECK (severity IN ('critical', 'high', 'warning', 'info')),
    CONSTRAINT alert_rule_condition CHECK (condition_type IN ('any_occurrence', 'count_in_window',
        'new_fingerprint', 'regression', 'metric_threshold', 'slo_burn_rate')),
    CONSTRAINT alert_rule_for CHECK (for_seconds >= 0)
);

-- One alert: a rule and one label set (for example one incident, or one service). At most one
-- unresolved alert per rule and label set; resolved ones stay as history.
CREATE TABLE alert (
    id             bigserial   PRIMARY KEY,
    rule_id        bigint      NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE,
    -- a stable hash of the sorted labels
    label_key      text        NOT NULL,
    labels         jsonb       NOT NULL,
    annotations    jsonb       NOT NULL DEFAULT '{}',
    -- pending, firing or resolved
    state          text        NOT NULL,
    value          double precision,
    -- the incident the alert is about, when it is about one
    incident_id    bigint      REFERENCES incident (id),
    -- incidents whose timelines carry this alert's fired and resolved entries
    incident_ids   bigint[]    NOT NULL DEFAULT '{}',
    active_since   timestamptz NOT NULL,
    fired_at       timestamptz,
    resolved_at    timestamptz,
    last_seen_at   timestamptz NOT NULL,
    last_sent_at   timestamptz,
    CONSTRAINT alert_state CHECK (state IN ('pending', 'firing', 'resolved'))
);

CREATE UNIQUE INDEX alert_active_key ON alert (rule_id, label_key) WHERE state <> 'resolved';
CREATE INDEX alert_state_active_since ON alert (state, active_since DESC);
CREATE INDEX alert_resolved_at ON alert (resolved_at DESC) WHERE state = 'resolved';

-- A silence, as in Alertmanager: alerts whose labels match every matcher are not notified
-- between starts_at and ends_at. matchers: [{"name":"service","value":"api","op":"="}],
-- op one of =, !=, =~, !~ (regular expressions anchored at both ends).
CREATE TABLE silence (
    id         bigserial   PRIMARY KEY,
    matchers   jsonb       NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    created_by text        NOT NULL,
    comment    text        NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT silence_period CHECK (ends_at > starts_at)
);

CREATE INDEX silence_ends_at ON silence (ends_at);

-- Where notifications go: webhook (JSON, HMAC-SHA256 signed when a secret is set), slack
-- (incoming webhook) or alertmanager (API v2 base URL).
CREATE TABLE notification_channel (
    id              bigserial   PRIMARY KEY,
    name            text        NOT NULL,
    type            text        NOT NULL,
    url             text        NOT NULL,
    -- the HMAC key of a webhook; it has to be kept as given to sign with it
    secret          text,
    send_by_default boolean     NOT NULL DEFAULT false,
    enabled         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT notification_channel_name UNIQUE (name),
    CONSTRAINT notification_channel_type CHECK (type IN ('webhook', 'slack', 'alertmanager'))
);

-- The outbox: the alert engine inserts one row per alert change and channel in the same
-- transaction as the change; the sender delivers it with retries and records the outcome.
CREATE TABLE notification (
    id              bigserial   PRIMARY KEY,
    alert_id        bigint      REFERENCES alert (id) ON DELETE SET NULL,
    channel         text        NOT NULL,
    -- firing or resolved
    status          text        NOT NULL,
    -- the alert as sent (AlertNotification as JSON)
    payload         jsonb       NOT NULL,
    -- pending, sent, failed (retrying) or dead (gave up)
    delivery        text        NOT NULL DEFAULT 'pending',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    response_status integer,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    CONSTRAINT notification_status CHECK (status IN ('firing', 'resolved')),
    CONSTRAINT notification_delivery CHECK (delivery IN ('pending', 'sent', 'failed', 'dead'))
);

CREATE INDEX notification_due ON notification (next_attempt_at) WHERE delivery IN ('pending', 'failed');
CREATE INDEX notification_created_at ON notification (created_at DESC);
CREATE INDEX notification_alert ON notification (alert_id);

-- Occurrence rules look at what arrived in the last minutes; occurrences are appended in
-- receipt order, so a BRIN index answers that cheaply and costs the hot path almost nothing.
CREATE INDEX occurrence_received_at_brin ON occurrence USING brin (received_at);

CREATE INDEX timeline_entry_type_at ON timeline_entry (type, at);
