-- An API token. The secret (pbt_ + 43 characters of URL-safe base64, 256 random bits) is shown
-- once when the token is created and never stored: only its SHA-256 digest, which is also how a
-- presented token is looked up.
CREATE TABLE api_token (
    id             bigserial   PRIMARY KEY,
    name           text        NOT NULL,
    -- lower-case hex SHA-256 of the whole secret, pbt_ prefix included
    secret_hash    text        NOT NULL,
    -- the first characters after pbt_, to recognise a token in lists and logs
    display_prefix text        NOT NULL,
    scope          text        NOT NULL,
    -- the one service an ingest token may write; NULL for all services (and for read and admin).
    -- No foreign key: a token may name a service before its first event arrives.
    service        text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- who created it: "bootstrap" or "token <id> (<name>)"
    created_by     text        NOT NULL,
    -- written at most once a minute per token
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    CONSTRAINT api_token_secret_hash_unique UNIQUE (secret_hash),
    CONSTRAINT api_token_secret_hash_sha256 CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT api_token_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT api_token_scope_known CHECK (scope IN ('ingest', 'read', 'admin')),
    CONSTRAINT api_token_service_only_for_ingest CHECK (service IS NULL OR scope = 'ingest')
);
