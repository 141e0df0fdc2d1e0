package agento;

import agento.connectors.guard.HostAllowlist;
import agento.db.DatabaseUrl;
import agento.provider.openai.DeviceAuthSettings;
import agento.provider.openai.OAuthSettings;
import agento.provider.openai.OpenAiEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting Agento reads, from environment variables with defaults that run out of the box.
 * A bad value stops start-up with a {@link ConfigException} naming the variable.
 */
public record AppConfig(
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String baseUrl,
        String masterKey,
        String openAiApiBase,
        String openAiChatGptBase,
        OAuthSettings oauth,
        DeviceAuthSettings device,
        HostAllowlist connectorAllowedHosts,
        String telegramApiBase) {

    /** A configuration value that cannot work; the message is the one line printed at start-up. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    public boolean secureCookies() {
        return baseUrl.startsWith("https://");
    }

    /** Whether this server is the only one on its database ({@link DatabaseUrl#onlyServer}). */
    public boolean onlyServerOnDatabase() {
        return DatabaseUrl.onlyServer(dbUrl);
    }

    /** Reads the configuration from {@code env} (normally {@code System.getenv()}). */
    public static AppConfig fromEnv(Map<String, String> env) {
        int port = port(env, "AGENTO_PORT", 7070);
        Path dataDir = dataDir(env.getOrDefault("AGENTO_DATA_DIR", "./data"));
        String dbUrl = env.getOrDefault("AGENTO_DB_URL",
                // each pooled connection keeps 128 parsed statements (H2's default 8 is fewer than one page runs)
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("agento")
                        + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=128");
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("AGENTO_DB_URL must be a JDBC URL of H2 (jdbc:h2:file:./data/agento) or PostgreSQL"
                    + " (jdbc:postgresql://host:5432/agento)"); // the URL itself may hold a password: not echoed
        }
        boolean h2 = dbUrl.startsWith("jdbc:h2:");
        String dbUser = credential(env, "AGENTO_DB_USER", h2 ? "sa" : null);
        String dbPassword = credential(env, "AGENTO_DB_PASSWORD", h2 ? "" : null);
        String baseUrl = httpUrl(env, "AGENTO_BASE_URL", "http://localhost:" + port);
        String masterKey = blankToNull(env.get("AGENTO_MASTER_KEY"));
        OAuthSettings oauth = oauth(env);
        return new AppConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, masterKey,
                httpUrl(env, "AGENTO_OPENAI_API_BASE", "https://api.openai.com/v1"),
                httpUrl(env, "AGENTO_OPENAI_CHATGPT_BASE", "https://chatgpt.com/backend-api/codex"),
                oauth, new DeviceAuthSettings(
                        httpUrl(env, "AGENTO_OPENAI_DEVICE_AUTH_URL", DeviceAuthSettings.OPENAI_AUTH_URL),
                        httpUrl(env, "AGENTO_OPENAI_DEVICE_VERIFY_URL", DeviceAuthSettings.OPENAI_VERIFY_URL),
                        httpUrl(env, "AGENTO_OPENAI_DEVICE_REDIRECT_URI", DeviceAuthSettings.OPENAI_REDIRECT_URI)),
                allowlist(env), httpUrl(env, "AGENTO_TELEGRAM_API_BASE", "https://api.telegram.org"));
    }

    /** Where the OpenAI API, the ChatGPT backend and the sign-in server are. */
    public OpenAiEndpoints openAi() {
        return new OpenAiEndpoints(openAiApiBase, openAiChatGptBase, oauth, device);
    }

    /** OpenAI sign-in settings; defaults follow OpenAI's issuer and its public client. */
    private static OAuthSettings oauth(Map<String, String> env) {
        Map<String, String> extra = params(env, "AGENTO_OPENAI_OAUTH_EXTRA_PARAMS",
                "id_token_add_organizations=true&codex_cli_simplified_flow=true&originator=agento");
        try {
            return new OAuthSettings(
                    httpUrl(env, "AGENTO_OPENAI_OAUTH_AUTHORIZE_URL", "https://auth.openai.com/oauth/authorize"),
                    httpUrl(env, "AGENTO_OPENAI_OAUTH_TOKEN_URL", "https://auth.openai.com/oauth/token"),
                    httpUrl(env, "AGENTO_OPENAI_OAUTH_REVOKE_URL", "https://auth.openai.com/oauth/revoke"),
                    env.getOrDefault("AGENTO_OPENAI_OAUTH_CLIENT_ID", "app_EMoamEEZ73f0CkXaXp7hrann"),
                    env.getOrDefault("AGENTO_OPENAI_OAUTH_SCOPES", "openid profile email offline_access"),
                    httpUrl(env, "AGENTO_OPENAI_OAUTH_REDIRECT_URI", "http://localhost:1455/auth/callback"),
                    extra,
                    blankToNull(env.getOrDefault("AGENTO_OPENAI_OAUTH_ISSUER", "https://auth.openai.com")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("AGENTO_OPENAI_OAUTH_*: " + e.getMessage());
        }
    }

    /** Hosts connectors may reach although they are on the local network (and the tests' fakes on 127.0.0.1). */
    private static HostAllowlist allowlist(Map<String, String> env) {
        try {
            return HostAllowlist.parse(env.get(HostAllowlist.VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(HostAllowlist.VARIABLE + " " + e.getMessage());
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a port number from 0 to 65535, got \"" + raw + "\"");
    }

    private static Path dataDir(String raw) {
        Path dir = Path.of(raw);
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("AGENTO_DATA_DIR " + dir.toAbsolutePath()
                    + " is not a writable directory (" + e.getClass().getSimpleName() + ")");
        }
        return dir;
    }

    private static String httpUrl(Map<String, String> env, String name, String fallback) {
        String raw = env.getOrDefault(name, fallback).trim();
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            }
        } catch (Exception ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be an http(s) URL such as " + fallback + ", got \"" + raw + "\"");
    }

    private static Map<String, String> params(Map<String, String> env, String name, String fallback) {
        String raw = env.getOrDefault(name, fallback);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(name + " must look like key=value&key2=value2, got \"" + raw + "\"");
            }
            params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Map.copyOf(params);
    }

    /** A database user or password: as given (a password may be empty), never with control characters. */
    private static String credential(Map<String, String> env, String name, String fallback) {
        String raw = env.get(name);
        if (raw == null) {
            return fallback;
        }
        if (raw.chars().anyMatch(Character::isISOControl) || (name.endsWith("_USER") && raw.isBlank())) {
            throw new ConfigException(name + " must be " + (name.endsWith("_USER") ? "a non-blank user name" : "a password")
                    + " without control characters (line breaks, tabs)");
        }
        return raw;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", dataDir=" + dataDir + ", dbUser=" + dbUser + ", dbPassword="
                + (dbPassword == null || dbPassword.isEmpty() ? "unset" : "set") + ", baseUrl=" + baseUrl + ", masterKey="
                + (masterKey == null ? "unset" : "set") + ", connectorAllowedHosts=" + connectorAllowedHosts + "]";
    }
}
