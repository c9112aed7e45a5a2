-- People who sign in to the dashboard. API callers use api_token instead.
CREATE TABLE app_user (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL,
    -- bcrypt, with its {bcrypt} prefix (Spring Security's DelegatingPasswordEncoder format)
    password_hash text        NOT NULL,
    role          text        NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    -- consecutive failed sign-ins; reset by a successful one
    failed_logins integer     NOT NULL DEFAULT 0,
    -- sign-in refused until then (login throttling)
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    CONSTRAINT app_user_role CHECK (role IN ('viewer', 'responder', 'admin')),
    CONSTRAINT app_user_username_not_blank CHECK (btrim(username) <> '')
);

CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));
