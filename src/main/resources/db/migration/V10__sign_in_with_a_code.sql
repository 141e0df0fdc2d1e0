-- sign in with a code: the attempt is an oauth_flows row with mode 'device' (15 minutes); its device_auth_id and
-- user code are vault secrets (owner oauth_flow/state). Whichever server finds it due polls OpenAI, one at a time
-- (poll_lease_until), every poll_interval_seconds.
ALTER TABLE oauth_flows ADD COLUMN poll_interval_seconds INT;
ALTER TABLE oauth_flows ADD COLUMN next_poll_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE oauth_flows ADD COLUMN poll_lease_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX oauth_flows_next_poll ON oauth_flows (next_poll_at);
