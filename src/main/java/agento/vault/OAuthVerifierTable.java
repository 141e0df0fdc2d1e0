package agento.vault;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The encrypted PKCE code verifiers in {@code oauth_flows}, which key rotation must re-encrypt too. */
interface OAuthVerifierTable {

    /** A flow's verifier ciphertext and the state its associated data is built from. */
    record Row(String state, byte[] codeVerifierCt) {
        String associatedData() {
            return "oauth_flows|" + state + "|code_verifier";
        }
    }

    @SqlQuery("SELECT state, code_verifier_ct FROM oauth_flows ORDER BY state")
    @RegisterConstructorMapper(Row.class)
    List<Row> all();

    @SqlUpdate("UPDATE oauth_flows SET code_verifier_ct = :ciphertext WHERE state = :state")
    void replace(String state, byte[] ciphertext);
}
