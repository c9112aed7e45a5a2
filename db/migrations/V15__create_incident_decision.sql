-- Decisions of the weekly review: an incident is tech debt (with an owner, a due date and a
-- ticket) or will not be fixed (with a reason). One current decision per incident; every
-- decision is also written to the incident's timeline (types tech_debt, wont_fix,
-- decision_cleared), which keeps the history.
CREATE TABLE incident_decision (
    incident_id bigint      PRIMARY KEY REFERENCES incident (id),
    decision    text        NOT NULL,
    owner       text,
    due_date    date,
    ticket_url  text,
    reason      text,
    decided_by  text,
    decided_at  timestamptz NOT NULL,
    CONSTRAINT incident_decision_kind CHECK (decision IN ('tech_debt', 'wont_fix')),
    CONSTRAINT incident_decision_tech_debt CHECK (decision <> 'tech_debt' OR (owner IS NOT NULL AND due_date IS NOT NULL)),
    CONSTRAINT incident_decision_wont_fix CHECK (decision <> 'wont_fix' OR reason IS NOT NULL)
);

-- The review also reads timeline entries by type and time: V11's timeline_entry_type_at.
