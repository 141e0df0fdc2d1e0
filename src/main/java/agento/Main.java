package agento;

import agento.accounts.UserAdministration;
import agento.db.Database;
import agento.db.MigrationException;
import agento.vault.KeyRotation;
import agento.vault.VaultStartupException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar agento.jar} runs the server; {@code java -jar agento.jar rotate-key} rotates the vault key
 * (with the server stopped).
 *
 * <p>Exit codes: 0 done, 1 could not start or the command failed, 2 bad configuration or unknown command.
 * Expected failures print one line to stderr, never a stack trace.
 */
public final class Main {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}: another process holds the database file lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar agento.jar [command]",
            "",
            "  (no command)  run the server, configured by AGENTO_* environment variables (see README.md)",
            "  rotate-key    add a new vault key and re-encrypt every stored secret with it;",
            "                stop the server first (it holds the database and its loaded key)",
            "  reset-admin-password EMAIL",
            "                give the administrator EMAIL a new random password, printed once;",
            "                stop the server first",
            "  cds-training  start on a throwaway database in a temporary folder, open the first pages, stop:",
            "                scripts/run records its class-data archive with this (README: JVM options)",
            "  help          show this text");

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            serve();
            return;
        }
        if (args.length == 1) {
            switch (args[0]) {
                case "rotate-key" -> System.exit(rotateKey());
                case "cds-training" -> System.exit(train());
                case "help", "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> { /* unknown: below */ }
            }
        }
        if (args.length == 2 && "bare-javalin".equals(args[0])) {
            BareJavalin.serve(Integer.parseInt(args[1]));
            return;
        }
        if (args.length == 2 && "reset-admin-password".equals(args[0])) {
            System.exit(resetAdminPassword(args[1]));
        }
        System.err.println("agento: unknown command \"" + String.join(" ", args) + "\"");
        System.err.println(USAGE);
        System.exit(EXIT_USAGE);
    }

    /** Starts the server and returns; the web server's threads keep the JVM alive until it is stopped. */
    private static void serve() {
        long started = System.nanoTime();
        AppConfig config = configOrExit();
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            Agento agento = Agento.start(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(agento::close, "agento-shutdown"));
            log.info("Agento is ready at {} (port {}, data in {}) after {} ms", config.baseUrl(), agento.port(),
                    config.dataDir().toAbsolutePath().normalize(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            fail(log, "could not start", e);
            System.exit(EXIT_FAILED);
        }
    }

    /** Re-encrypts every secret under a new primary key; the server must be stopped (H2 locks its file). */
    private static int rotateKey() {
        AppConfig config = configOrExit();
        Logger log = LoggerFactory.getLogger(Main.class);
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) {
            int count = KeyRotation.rotate(config.dataDir(), config.masterKey(), database.jdbi());
            System.out.println("Rotated the vault key: " + count + " secrets re-encrypted.");
            return 0;
        } catch (RuntimeException e) {
            fail(log, "rotate-key failed", e);
            return EXIT_FAILED;
        }
    }

    /** The class-data archive's training run ({@link ClassDataTraining}). */
    private static int train() {
        try {
            ClassDataTraining.run();
            return 0;
        } catch (RuntimeException e) {
            fail(LoggerFactory.getLogger(Main.class), "cds-training failed", e);
            return EXIT_FAILED;
        }
    }

    /** A lost administrator password, recovered from the server's command line (the server must be stopped). */
    private static int resetAdminPassword(String email) {
        AppConfig config = configOrExit();
        Logger log = LoggerFactory.getLogger(Main.class);
        try (Database database = Database.open(config.dbUrl(), "sa", "")) {
            return new UserAdministration(database.jdbi()).recoverAdmin(email).map(password -> {
                System.out.println("New password for " + email.strip() + ": " + password);
                System.out.println("Sign in with it, then choose your own under Your account.");
                return 0;
            }).orElseGet(() -> {
                System.err.println("agento: there is no administrator with the e-mail address " + email.strip());
                return EXIT_FAILED;
            });
        } catch (RuntimeException e) {
            fail(log, "reset-admin-password failed", e);
            return EXIT_FAILED;
        }
    }

    /** The configuration, or one line naming the bad variable and exit code 2. */
    private static AppConfig configOrExit() {
        try {
            return AppConfig.fromEnv(System.getenv());
        } catch (AppConfig.ConfigException e) {
            System.err.println("agento: configuration error: " + oneLine(e.getMessage()));
            System.exit(EXIT_USAGE);
            throw new IllegalStateException("unreachable");
        }
    }

    /** One line on stderr; the stack trace goes to the log (stdout) only when the failure is unexpected. */
    private static void fail(Logger log, String what, RuntimeException e) {
        String reason = reason(e);
        if (expected(e)) {
            log.error("Agento {}: {}", what, reason);
        } else {
            log.error("Agento {}: {}", what, reason, e);
        }
        PrintStream err = System.err;
        err.println("agento: " + what + ": " + reason);
        err.flush();
    }

    private static boolean expected(Throwable e) {
        return e instanceof VaultStartupException || e instanceof MigrationException || databaseInUse(e)
                || e.getClass().getSimpleName().equals("JavalinBindException");
    }

    static String reason(Throwable e) {
        if (databaseInUse(e)) {
            return "the database is already in use by another process (H2 file lock): another Agento server is"
                    + " probably running on this data directory; stop it first";
        }
        String message = e.getMessage();
        return oneLine(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    private static boolean databaseInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
