CREATE TABLE oauth_flows (
    state             VARCHAR(128) PRIMARY KEY,
    session_binding   VARCHAR(128) NOT NULL,
    user_id           BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agent_id          BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    code_verifier_ct  VARBINARY(1024) NOT NULL,
    redirect_uri      VARCHAR(500) NOT NULL,
    mode              VARCHAR(16) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at           TIMESTAMP WITH TIME ZONE,
    outcome           VARCHAR(16),
    outcome_detail    VARCHAR(500)
);
CREATE INDEX oauth_flows_agent ON oauth_flows (agent_id, created_at);
