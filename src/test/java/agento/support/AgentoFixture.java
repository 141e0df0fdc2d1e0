package agento.support;

import agento.fakes.FakeOpenAiApi;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Agento for HTTP tests, with the fake OpenAI it talks to and the people who use it. Registered on a
 * static field it serves every test of the class; on an instance field each test gets a fresh one.
 * <pre>
 * &#64;RegisterExtension
 * static final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -&gt; api.acceptKey(KEY)).withAliceAndBob();
 * private final WebClient alice = fixture.alice();
 * </pre>
 */
public final class AgentoFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    public static final String ALICE = "alice@example.com";
    public static final String BOB = "bob@example.com";

    private enum Fakes { NONE, API, API_AND_AUTH }

    private final Fakes kind;
    private final OpenAiFakes fakes;
    private final FakeOpenAiApi api;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<String, String> extraEnv = new HashMap<>();
    private int people;
    private boolean startedByTheTest;
    private boolean systemClock;
    private boolean perClass;

    private TestApp app;
    private WebClient alice;
    private WebClient bob;

    /** The fakes listen from here on, so that a test's fields can hold them; the app starts before the tests. */
    private AgentoFixture(Fakes kind, Consumer<FakeOpenAiApi> apiSetup) {
        this.kind = kind;
        this.fakes = kind == Fakes.API_AND_AUTH ? new OpenAiFakes() : null;
        this.api = switch (kind) {
            case NONE -> null;
            case API -> new FakeOpenAiApi();
            case API_AND_AUTH -> fakes.api;
        };
        if (api != null) {
            apiSetup.accept(api);
        }
    }

    /** The fake OpenAI API; each test starts with it answering normally. */
    public FakeOpenAiApi openAiApi() {
        return api;
    }

    /** The fake OpenAI API and authorization server ({@link #withOpenAi()} only). */
    public OpenAiFakes fakes() {
        return fakes;
    }

    /** Agento alone: every provider URL points at a closed local port. */
    public static AgentoFixture plain() {
        return new AgentoFixture(Fakes.NONE, api -> { });
    }

    /** Agento with OpenAI's API faked (no authorization server), set up by {@code setup}. */
    public static AgentoFixture withOpenAiApi(Consumer<FakeOpenAiApi> setup) {
        return new AgentoFixture(Fakes.API, setup);
    }

    /** Agento with OpenAI's API and authorization server faked, both on one {@link MutableClock}. */
    public static AgentoFixture withOpenAi() {
        return withOpenAi(api -> { });
    }

    /** As {@link #withOpenAi()}, the fake API set up by {@code setup}. */
    public static AgentoFixture withOpenAi(Consumer<FakeOpenAiApi> setup) {
        return new AgentoFixture(Fakes.API_AND_AUTH, setup);
    }

    /** Alice, the first admin, signed in. */
    public AgentoFixture withAlice() {
        people = 1;
        return this;
    }

    /** Alice, the first admin, and Bob, a user she added, each signed in in their own client. */
    public AgentoFixture withAliceAndBob() {
        people = 2;
        return this;
    }

    /** One more environment variable for Agento (another fake's address, say). */
    public AgentoFixture withEnv(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Agento and the fakes run on the system clock instead of {@link #clock()}. */
    public AgentoFixture onTheSystemClock() {
        systemClock = true;
        return this;
    }

    /** The clock Agento and the fake authorization server run on, unless the test started the app on another. */
    public MutableClock clock() {
        return clock;
    }

    /** The fakes are ready before each test, but each test starts the app itself with {@link #start(Clock)}. */
    public AgentoFixture startedByTheTest() {
        startedByTheTest = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
        if (api != null) {
            api.mode(FakeOpenAiApi.Mode.OK);
            api.responses().reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        if (!startedByTheTest) {
            start(kind == Fakes.API_AND_AUTH && !systemClock ? clock : Clock.systemUTC());
        }
    }

    public TestApp app() {
        return app;
    }

    /** Starts Agento on {@code clock} (the fake authorization server follows it) and signs the people in. */
    public TestApp start(Clock clock) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(switch (kind) {
            case NONE -> Map.of();
            case API -> Map.of("AGENTO_OPENAI_API_BASE", api.baseUrl());
            case API_AND_AUTH -> {
                fakes.auth.clock(clock);
                yield fakes.env();
            }
        });
        app = TestApp.start(env, clock);
        if (people >= 1) {
            alice = Accounts.admin(app, ALICE);
        }
        if (people >= 2) {
            bob = Accounts.user(app, alice, BOB);
        }
        return app;
    }

    public WebClient alice() {
        return alice;
    }

    /** A new agent of Alice's, named so that no two clash. */
    public long newAgent() {
        return Accounts.agent(alice, "Agent " + System.nanoTime());
    }

    public WebClient bob() {
        return bob;
    }

    private void close() {
        if (app != null) {
            app.close();
            app = null;
        }
        if (fakes != null) {
            fakes.close();
        } else if (api != null) {
            api.close();
        }
    }

}
