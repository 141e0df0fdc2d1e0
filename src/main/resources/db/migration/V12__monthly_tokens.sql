-- tokens each agent used per calendar month (UTC, as yyyymm), added to as replies finish: Send checks the monthly
-- limit with one row instead of summing every message of the month
CREATE TABLE agent_monthly_tokens (
    agent_id  BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    month_utc INT NOT NULL,
    tokens    BIGINT NOT NULL,
    PRIMARY KEY (agent_id, month_utc)
);

INSERT INTO agent_monthly_tokens (agent_id, month_utc, tokens)
SELECT c.agent_id,
       EXTRACT(YEAR FROM m.created_at AT TIME ZONE 'UTC') * 100 + EXTRACT(MONTH FROM m.created_at AT TIME ZONE 'UTC'),
       SUM(m.input_tokens + m.output_tokens)
FROM messages m JOIN conversations c ON c.id = m.conversation_id
GROUP BY c.agent_id,
         EXTRACT(YEAR FROM m.created_at AT TIME ZONE 'UTC') * 100 + EXTRACT(MONTH FROM m.created_at AT TIME ZONE 'UTC')
HAVING SUM(m.input_tokens + m.output_tokens) > 0;
