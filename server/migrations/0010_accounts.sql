-- People who sign in to the hub (DESIGN.md §5, §8). Ids are ULIDs made by the hub.
CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('intern', 'reporter', 'editor', 'admin')),
  -- Interns have a supervisor (a reporter, editor or admin: checked by the hub); nobody else has one.
  supervisor_id text REFERENCES users (id),
  -- argon2id, PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((role = 'intern') = (supervisor_id IS NOT NULL))
);

-- "Maria" and "maria" are one person.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_supervisor_idx ON users (supervisor_id) WHERE supervisor_id IS NOT NULL;

-- Opaque bearer tokens, kept only as their SHA-256 so a copy of the database signs nobody in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed sign-ins, for the rate limit. In the database rather than in memory so that every
-- hub process on one database counts the same attempts.
CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  -- lower(username) as typed, whether or not such a user exists.
  username_key text NOT NULL,
  address text NOT NULL,
  failed_at timestamptz NOT NULL
);

CREATE INDEX login_failures_key_idx ON login_failures (username_key, address, failed_at);
CREATE INDEX login_failures_time_idx ON login_failures (failed_at);
