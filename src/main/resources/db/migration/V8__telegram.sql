-- one Telegram bot per agent; the token lives only in the vault (secrets: agent/<id>/telegram_bot_token)
CREATE TABLE telegram_bots (
    agent_id      BIGINT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    -- the number before the ':' of the token: one bot feeds one agent (two pollers would steal each other's messages)
    bot_id        BIGINT NOT NULL,
    bot_username  VARCHAR(64),
    token_hint    VARCHAR(16) NOT NULL,
    policy        VARCHAR(16) NOT NULL DEFAULT 'pairing' CHECK (policy IN ('pairing', 'allowed', 'anyone')),
    state         VARCHAR(16) NOT NULL CHECK (state IN ('connected', 'unverified', 'rejected', 'webhook', 'conflict')),
    state_reason  VARCHAR(500),
    -- the next getUpdates offset: advanced only by the lease holder, once a message is handled or stored
    update_offset BIGINT NOT NULL DEFAULT 0,
    -- "exactly one server polls each bot": taken and renewed with atomic UPDATEs, never a transaction across HTTP
    lease_owner   VARCHAR(64),
    lease_until   TIMESTAMP WITH TIME ZONE,
    -- the OpenAI connection state the owner was last told about on Telegram (null: nothing to tell)
    alerted_state VARCHAR(32),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT telegram_bots_bot_unique UNIQUE (bot_id)
);

-- who may talk to the agent: approved users, and pairing requests waiting for the owner (at most 3 per bot)
CREATE TABLE telegram_users (
    agent_id         BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    telegram_user_id BIGINT NOT NULL,
    name             VARCHAR(200),
    status           VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'approved')),
    pairing_code     VARCHAR(16),
    expires_at       TIMESTAMP WITH TIME ZONE,
    -- the owner's own Telegram account: told when the agent's OpenAI credential stops working
    is_owner         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agent_id, telegram_user_id)
);
