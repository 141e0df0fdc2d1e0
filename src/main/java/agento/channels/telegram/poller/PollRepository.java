package agento.channels.telegram.poller;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The poller's SQL on {@code telegram_bots}: which bots want polling, the lease (taken and renewed with one atomic
 * UPDATE each, which also checks the bot is still pollable and its agent still runs), and the offset.
 */
interface PollRepository {
    String POLLABLE = "state IN ('connected', 'unverified', 'conflict') "
            + "AND EXISTS (SELECT 1 FROM agents a WHERE a.id = telegram_bots.agent_id AND a.status = 'running')";


    /** Succeeds for one server among all until the lease is released or runs out. */
    @SqlUpdate("UPDATE telegram_bots SET lease_owner = :me, lease_until = :until WHERE agent_id = :agent AND "
            + "(lease_owner IS NULL OR lease_owner = :me OR lease_until < :now) AND " + POLLABLE)
    int take(@Bind("agent") long agentId, @Bind("me") String me, @Bind("until") Instant until,
             @Bind("now") Instant now);

    /** 0 rows: the lease went to another server, the token changed, or the bot should no longer be polled. */
    @SqlUpdate("UPDATE telegram_bots SET lease_until = :until WHERE agent_id = :agent AND lease_owner = :me "
            + "AND bot_id = :bot AND " + POLLABLE)
    int renew(@Bind("agent") long agentId, @Bind("bot") long botId, @Bind("me") String me,
              @Bind("until") Instant until);

    /** Only the lease holder moves the offset, and only forward. */
    @SqlUpdate("UPDATE telegram_bots SET update_offset = :offset WHERE agent_id = :agent AND lease_owner = :me "
            + "AND bot_id = :bot AND update_offset < :offset")
    int advance(@Bind("agent") long agentId, @Bind("bot") long botId, @Bind("me") String me,
                @Bind("offset") long offset);

    @SqlUpdate("UPDATE telegram_bots SET lease_owner = NULL, lease_until = NULL WHERE agent_id = :agent "
            + "AND lease_owner = :me")
    int release(@Bind("agent") long agentId, @Bind("me") String me);
}
