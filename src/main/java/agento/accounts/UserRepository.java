package agento.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
interface UserRepository {
    @SqlUpdate("INSERT INTO users (email, password_hash, role, created_at) VALUES (:email, :hash, :role, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("email") String email, @Bind("hash") String passwordHash, @Bind("role") String role, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM users WHERE email = :email")
    Optional<User> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT COUNT(*) FROM users")
    int count();

    @SqlQuery("SELECT * FROM users ORDER BY email")
    List<User> listAll();

    @SqlUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
    int setPasswordHash(@Bind("id") long id, @Bind("hash") String passwordHash);

    @SqlUpdate("UPDATE users SET role = :role WHERE id = :id")
    int setRole(@Bind("id") long id, @Bind("role") String role);

    @SqlQuery("SELECT COUNT(*) FROM users WHERE role = 'admin'")
    int admins();

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(@Bind("id") long id);
}
