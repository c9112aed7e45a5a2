-- Alert rules now refuse a condition field their type does not read (RuleValidation): a threshold
-- on any_occurrence, new_fingerprint or regression, a window on metric_threshold or slo_burn_rate.
-- Rules stored before kept such values, ignored by the evaluation and the rule file; clearing
-- them changes nothing a rule does, and lets a client send a rule back as it read it.
UPDATE alert_rule SET threshold = NULL
WHERE threshold IS NOT NULL AND condition_type IN ('any_occurrence', 'new_fingerprint', 'regression');

UPDATE alert_rule SET window_seconds = NULL
WHERE window_seconds IS NOT NULL AND condition_type IN ('metric_threshold', 'slo_burn_rate');
