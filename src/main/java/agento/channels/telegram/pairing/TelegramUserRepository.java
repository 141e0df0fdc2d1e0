package agento.channels.telegram.pairing;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TelegramUser.class)
interface TelegramUserRepository {
    @SqlQuery("SELECT * FROM telegram_users WHERE agent_id = :agent AND telegram_user_id = :user")
    Optional<TelegramUser> find(@Bind("agent") long agentId, @Bind("user") long userId);

    @SqlQuery("SELECT * FROM telegram_users WHERE agent_id = :agent AND status = 'approved' AND is_owner "
            + "ORDER BY created_at LIMIT 1")
    Optional<TelegramUser> owner(@Bind("agent") long agentId);

    @SqlQuery("SELECT COUNT(*) FROM telegram_users WHERE agent_id = :agent AND status = 'pending'")
    int pendingCount(@Bind("agent") long agentId);

    @SqlUpdate("DELETE FROM telegram_users WHERE agent_id = :agent AND status = 'pending' AND expires_at <= :now")
    int deleteExpired(@Bind("agent") long agentId, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO telegram_users (agent_id, telegram_user_id, name, status, pairing_code, expires_at, "
            + "is_owner, created_at) VALUES (:agent, :user, :name, :status, :code, :expires, :owner, :at)")
    void insert(@Bind("agent") long agentId, @Bind("user") long userId, @Bind("name") String name,
                @Bind("status") String status, @Bind("code") String code, @Bind("expires") Instant expiresAt,
                @Bind("owner") boolean owner, @Bind("at") Instant at);

    /** Approves a request (or an id typed in again); only one account is the owner's. */
    @SqlUpdate("UPDATE telegram_users SET status = 'approved', pairing_code = NULL, expires_at = NULL, "
            + "is_owner = :owner WHERE agent_id = :agent AND telegram_user_id = :user")
    int approve(@Bind("agent") long agentId, @Bind("user") long userId, @Bind("owner") boolean owner);

    @SqlUpdate("UPDATE telegram_users SET is_owner = FALSE WHERE agent_id = :agent AND telegram_user_id <> :user")
    void clearOtherOwners(@Bind("agent") long agentId, @Bind("user") long userId);

    @SqlUpdate("UPDATE telegram_users SET name = :name WHERE agent_id = :agent AND telegram_user_id = :user "
            + "AND (name IS NULL OR name <> :name)")
    void rename(@Bind("agent") long agentId, @Bind("user") long userId, @Bind("name") String name);

    @SqlUpdate("DELETE FROM telegram_users WHERE agent_id = :agent AND telegram_user_id = :user AND status = :status")
    int delete(@Bind("agent") long agentId, @Bind("user") long userId, @Bind("status") String status);
}
