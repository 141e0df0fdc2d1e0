package agento.channels.telegram.bots;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The card's SQL on {@code telegram_bots}; the poller's lease and offset SQL is in the poller's own repository. */
interface BotRepository {
    @SqlUpdate("INSERT INTO telegram_bots (agent_id, bot_id, bot_username, token_hint, state, state_reason, "
            + "created_at, updated_at) VALUES (:agent, :bot, :username, :hint, :state, :reason, :at, :at)")
    void insert(@Bind("agent") long agentId, @Bind("bot") long botId, @Bind("username") String username,
                @Bind("hint") String hint, @Bind("state") String state, @Bind("reason") String reason,
                @Bind("at") Instant at);

    /** Another token: a new bot starts reading from its first waiting update, and nobody holds its lease. */
    @SqlUpdate("UPDATE telegram_bots SET update_offset = CASE WHEN bot_id = :bot THEN update_offset ELSE 0 END, "
            + "alerted_state = CASE WHEN bot_id = :bot THEN alerted_state ELSE NULL END, bot_id = :bot, "
            + "bot_username = COALESCE(:username, CASE WHEN bot_id = :bot THEN bot_username END), token_hint = :hint, "
            + "state = :state, state_reason = :reason, updated_at = :at WHERE agent_id = :agent")
    int replace(@Bind("agent") long agentId, @Bind("bot") long botId, @Bind("username") String username,
                @Bind("hint") String hint, @Bind("state") String state, @Bind("reason") String reason,
                @Bind("at") Instant at);

    @SqlUpdate("UPDATE telegram_bots SET state = :state, state_reason = :reason, "
            + "bot_username = COALESCE(:username, bot_username), updated_at = :at WHERE agent_id = :agent")
    int updateState(@Bind("agent") long agentId, @Bind("state") String state, @Bind("reason") String reason,
                    @Bind("username") String username, @Bind("at") Instant at);

    @SqlUpdate("UPDATE telegram_bots SET policy = :policy, updated_at = :at WHERE agent_id = :agent")
    int updatePolicy(@Bind("agent") long agentId, @Bind("policy") String policy, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM telegram_bots WHERE agent_id = :agent")
    int delete(@Bind("agent") long agentId);

    /** Disconnecting starts over: approved users and pairing requests go with the bot. */
    @SqlUpdate("DELETE FROM telegram_users WHERE agent_id = :agent")
    int deleteUsers(@Bind("agent") long agentId);

    /** Claims telling the owner about {@code state}: one server among all sends the message. */
    @SqlUpdate("UPDATE telegram_bots SET alerted_state = :state WHERE agent_id = :agent "
            + "AND (alerted_state IS NULL OR alerted_state <> :state)")
    int claimAlert(@Bind("agent") long agentId, @Bind("state") String state);

    @SqlUpdate("UPDATE telegram_bots SET alerted_state = NULL WHERE agent_id = :agent AND alerted_state IS NOT NULL")
    int clearAlert(@Bind("agent") long agentId);
}
