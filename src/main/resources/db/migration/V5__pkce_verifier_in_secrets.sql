-- the PKCE verifier moves to the secrets table (owner_kind 'oauth_flow', owner_id = state), like every other
-- secret, so key rotation covers it with no special code; attempts in progress (10 minutes at most) start again
DELETE FROM oauth_flows WHERE used_at IS NULL;
ALTER TABLE oauth_flows DROP COLUMN code_verifier_ct;
