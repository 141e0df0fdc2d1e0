package agento;

import agento.provider.openai.OAuthSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AppConfig#fromEnv}: the defaults that run out of the box, and one clear message naming the variable for
 * each bad value. The {@code ./data} default itself is checked by {@link StartupTest} in a child JVM whose working
 * directory is a temp dir, so this test never creates {@code ./data} in the project.
 */
class AppConfigTest {
    @TempDir Path dir;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTO_DATA_DIR", dir.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaults_run_out_of_the_box() {
        AppConfig config = AppConfig.fromEnv(env());

        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("agento") + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=128");
        assertThat(config.baseUrl()).isEqualTo("http://localhost:7070");
        assertThat(config.secureCookies()).isFalse();
        assertThat(config.masterKey()).isNull();
        assertThat(config.openAiApiBase()).isEqualTo("https://api.openai.com/v1");
        assertThat(config.openAiChatGptBase()).isEqualTo("https://chatgpt.com/backend-api/codex");
        assertThat(config.telegramApiBase()).isEqualTo("https://api.telegram.org");

        OAuthSettings oauth = config.oauth();
        assertThat(oauth.authorizeUrl()).isEqualTo("https://auth.openai.com/oauth/authorize");
        assertThat(oauth.tokenUrl()).isEqualTo("https://auth.openai.com/oauth/token");
        assertThat(oauth.revokeUrl()).isEqualTo("https://auth.openai.com/oauth/revoke");
        assertThat(oauth.clientId()).isEqualTo("app_EMoamEEZ73f0CkXaXp7hrann");
        assertThat(oauth.scopes()).isEqualTo("openid profile email offline_access");
        assertThat(oauth.redirectUri()).isEqualTo("http://localhost:1455/auth/callback");
        assertThat(oauth.expectedIssuer()).isEqualTo("https://auth.openai.com");
        assertThat(oauth.extraAuthorizeParams()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id_token_add_organizations", "true",
                "codex_cli_simplified_flow", "true",
                "originator", "agento"));
    }

    @Test
    void the_base_url_follows_the_port_and_https_turns_on_secure_cookies() {
        assertThat(AppConfig.fromEnv(env("AGENTO_PORT", "8081")).baseUrl()).isEqualTo("http://localhost:8081");

        AppConfig https = AppConfig.fromEnv(env("AGENTO_BASE_URL", "https://agento.example.org/"));
        assertThat(https.baseUrl()).isEqualTo("https://agento.example.org");
        assertThat(https.secureCookies()).isTrue();
    }

    @Test
    void every_variable_overrides_its_default() {
        AppConfig config = AppConfig.fromEnv(env(
                "AGENTO_PORT", " 9090 ",
                "AGENTO_DB_URL", "jdbc:h2:mem:x",
                "AGENTO_MASTER_KEY", " a2V5 ",
                "AGENTO_OPENAI_API_BASE", "http://127.0.0.1:9/v1/",
                "AGENTO_OPENAI_CHATGPT_BASE", "http://127.0.0.1:9/codex",
                "AGENTO_OPENAI_OAUTH_AUTHORIZE_URL", "http://127.0.0.1:9/authorize",
                "AGENTO_OPENAI_OAUTH_TOKEN_URL", "http://127.0.0.1:9/token",
                "AGENTO_OPENAI_OAUTH_REVOKE_URL", "http://127.0.0.1:9/revoke",
                "AGENTO_OPENAI_OAUTH_CLIENT_ID", "app_test",
                "AGENTO_OPENAI_OAUTH_SCOPES", "openid",
                "AGENTO_OPENAI_OAUTH_REDIRECT_URI", "http://127.0.0.1:1455/cb",
                "AGENTO_OPENAI_OAUTH_EXTRA_PARAMS", "a=1&&b = two",
                "AGENTO_OPENAI_OAUTH_ISSUER", " "));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(config.masterKey()).isEqualTo("a2V5");
        assertThat(config.openAiApiBase()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(config.openAiChatGptBase()).isEqualTo("http://127.0.0.1:9/codex");
        assertThat(config.oauth()).isEqualTo(new OAuthSettings(
                "http://127.0.0.1:9/authorize", "http://127.0.0.1:9/token", "http://127.0.0.1:9/revoke",
                "app_test", "openid", "http://127.0.0.1:1455/cb", Map.of("a", "1", "b", "two"), null));
    }

    @Test
    void a_port_that_is_not_a_number_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_PORT", "abc")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessage("AGENTO_PORT must be a port number from 0 to 65535, got \"abc\"");
    }

    @Test
    void a_port_out_of_range_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_PORT", "70000")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_PORT ")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_PORT", "-1")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_PORT ");
    }

    @Test
    void a_data_dir_that_cannot_be_created_names_the_variable() throws Exception {
        // under a regular file: refused even for root, unlike a chmod-ed directory
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path bad = file.resolve("data");

        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DATA_DIR", bad.toString())))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_DATA_DIR " + bad.toAbsolutePath())
                .hasMessageContaining("is not a writable directory");
    }

    @Test
    void a_data_dir_that_is_a_file_names_the_variable() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DATA_DIR", file.toString())))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_DATA_DIR ");
    }

    @Test
    void the_connector_allowlist_takes_hosts_and_host_ports_and_names_its_variable_when_bad() {
        assertThat(AppConfig.fromEnv(env()).connectorAllowedHosts().isEmpty()).isTrue();
        AppConfig config = AppConfig.fromEnv(env("AGENTO_CONNECTOR_ALLOWED_HOSTS", "intranet.example, 127.0.0.1:8080"));
        assertThat(config.connectorAllowedHosts().allows("127.0.0.1", 8080)).isTrue();
        assertThat(config.connectorAllowedHosts().allows("127.0.0.1", 8081)).isFalse();
        assertThat(config.connectorAllowedHosts().allows("intranet.example", 443)).isTrue();
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_CONNECTOR_ALLOWED_HOSTS", "http://intranet.example")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_CONNECTOR_ALLOWED_HOSTS must be a comma-separated list")
                .hasMessageContaining("http://intranet.example");
    }

    @Test
    void bad_urls_name_their_variable() {
        for (String name : new String[] {"AGENTO_BASE_URL", "AGENTO_OPENAI_API_BASE", "AGENTO_OPENAI_CHATGPT_BASE",
                "AGENTO_OPENAI_OAUTH_AUTHORIZE_URL", "AGENTO_OPENAI_OAUTH_TOKEN_URL", "AGENTO_OPENAI_OAUTH_REVOKE_URL",
                "AGENTO_OPENAI_OAUTH_REDIRECT_URI", "AGENTO_TELEGRAM_API_BASE", "AGENTO_OPENAI_DEVICE_AUTH_URL",
                "AGENTO_OPENAI_DEVICE_VERIFY_URL", "AGENTO_OPENAI_DEVICE_REDIRECT_URI"}) {
            for (String bad : new String[] {"not a url", "ftp://example.org", "localhost:7070", "http://"}) {
                assertThatThrownBy(() -> AppConfig.fromEnv(env(name, bad)))
                        .as("%s=%s", name, bad)
                        .isInstanceOf(AppConfig.ConfigException.class)
                        .hasMessageStartingWith(name + " must be an http(s) URL")
                        .hasMessageContaining(bad);
            }
        }
    }

    @Test
    void a_db_url_that_is_not_jdbc_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DB_URL", "./data/agento")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_DB_URL ");
    }

    @Test
    void a_db_url_of_another_database_names_the_variable_without_echoing_the_url() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DB_URL", "jdbc:mysql://db/agento?password=hunter2")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_DB_URL must be a JDBC URL of H2")
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void postgresql_takes_its_user_and_password_from_their_variables_and_h2_defaults_to_sa() {
        AppConfig h2 = AppConfig.fromEnv(env("AGENTO_PORT", "7071"));
        assertThat(h2.dbUser()).isEqualTo("sa");
        assertThat(h2.dbPassword()).isEmpty();
        AppConfig pg = AppConfig.fromEnv(env("AGENTO_DB_URL", "jdbc:postgresql://127.0.0.1:5432/agento",
                "AGENTO_DB_USER", "agento", "AGENTO_DB_PASSWORD", "s3cret pass"));
        assertThat(pg.dbUser()).isEqualTo("agento");
        assertThat(pg.dbPassword()).isEqualTo("s3cret pass");
        assertThat(pg.toString()).doesNotContain("s3cret").contains("dbPassword=set");
        assertThat(AppConfig.fromEnv(env("AGENTO_DB_URL", "jdbc:postgresql://h/agento")).dbUser()).isNull();
    }

    @Test
    void only_embedded_h2_makes_this_the_only_server_on_its_database() {
        assertThat(AppConfig.fromEnv(env()).onlyServerOnDatabase()).as("the default").isTrue();
        for (String only : new String[] {"jdbc:h2:mem:agento", "jdbc:h2:./data/agento", "jdbc:h2:~/agento",
                "jdbc:h2:/srv/agento;AUTO_SERVER=FALSE;FILE_LOCK=FILE", "jdbc:h2:file:/srv/agento;auto_server=no"}) {
            assertThat(AppConfig.fromEnv(env("AGENTO_DB_URL", only)).onlyServerOnDatabase()).as(only).isTrue();
        }
        for (String shared : new String[] {"jdbc:h2:tcp://db:9092/agento", "jdbc:h2:SSL://db/agento",
                "jdbc:h2:file:/srv/agento;AUTO_SERVER=TRUE", "jdbc:h2:/srv/agento;DB_CLOSE_ON_EXIT=FALSE;auto_server=yes",
                "jdbc:h2:file:/srv/agento;AUTO_SERVER=1", "jdbc:h2:file:/srv/agento;FILE_LOCK=NO",
                "jdbc:h2:split:/srv/agento", "jdbc:postgresql://127.0.0.1:5432/agento"}) {
            assertThat(AppConfig.fromEnv(env("AGENTO_DB_URL", shared)).onlyServerOnDatabase()).as(shared).isFalse();
        }
    }

    @Test
    void a_blank_db_user_or_a_password_with_a_line_break_names_the_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DB_USER", "  ")))
                .isInstanceOf(AppConfig.ConfigException.class).hasMessageStartingWith("AGENTO_DB_USER ");
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_DB_PASSWORD", "pass\nword")))
                .isInstanceOf(AppConfig.ConfigException.class).hasMessageStartingWith("AGENTO_DB_PASSWORD ")
                .hasMessageNotContaining("pass\nword");
    }

    @Test
    void sign_in_with_a_code_defaults_to_openais_device_endpoints() {
        AppConfig config = AppConfig.fromEnv(env("AGENTO_PORT", "7071"));
        assertThat(config.openAi().device().userCodeUrl())
                .isEqualTo("https://auth.openai.com/api/accounts/deviceauth/usercode");
        assertThat(config.openAi().device().tokenUrl()).isEqualTo("https://auth.openai.com/api/accounts/deviceauth/token");
        assertThat(config.openAi().device().verifyUrl()).isEqualTo("https://auth.openai.com/codex/device");
        assertThat(config.openAi().device().redirectUri()).isEqualTo("https://auth.openai.com/deviceauth/callback");
    }

    @Test
    void malformed_extra_params_name_the_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("AGENTO_OPENAI_OAUTH_EXTRA_PARAMS", "a=1&novalue")))
                .isInstanceOf(AppConfig.ConfigException.class)
                .hasMessageStartingWith("AGENTO_OPENAI_OAUTH_EXTRA_PARAMS ");
    }

    @Test
    void to_string_never_shows_the_master_key() {
        String key = "c2VjcmV0LW1hc3Rlci1rZXktMzItYnl0ZXMtbG9uZyEh";
        AppConfig config = AppConfig.fromEnv(env("AGENTO_MASTER_KEY", key));

        assertThat(config.masterKey()).isEqualTo(key);
        assertThat(config.toString()).doesNotContain(key).contains("masterKey=set");
        assertThat(AppConfig.fromEnv(env()).toString()).contains("masterKey=unset");
    }
}
