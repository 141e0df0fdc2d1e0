-- the chat's conversation list (the 30 newest web conversations of an agent, with every Chat tab and with a Send that
-- changes it) reads 30 rows of this index in order; the old index (agent_id, updated_at) had the database read and
-- sort all of the agent's conversations, a cost that grew with each one (0.3 ms at 500, 0.8 ms at 1,500 on H2)
DROP INDEX conversations_agent;
CREATE INDEX conversations_recent ON conversations (agent_id, channel, updated_at DESC, id DESC);
-- each Telegram message looks up its chat's latest conversation: one row of this index, not every chat of the bot
CREATE INDEX conversations_chat ON conversations (agent_id, channel, external_chat_id, id DESC);
