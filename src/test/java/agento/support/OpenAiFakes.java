package agento.support;

import agento.fakes.FakeOpenAiApi;
import agento.fakes.FakeOpenAiAuth;
import java.util.HashMap;
import java.util.Map;

/** OpenAI's API and authorization server as fakes on 127.0.0.1, and the settings that point Agento at them. */
public final class OpenAiFakes implements AutoCloseable {
    public final int appPort = TestApp.freePort();
    public final FakeOpenAiAuth auth;
    public final FakeOpenAiApi api;

    public OpenAiFakes() {
        auth = new FakeOpenAiAuth().redirectUri("http://127.0.0.1:" + appPort + "/oauth/openai/callback");
        api = new FakeOpenAiApi(auth);
    }

    /** Environment for {@link TestApp#start(Map, java.time.Clock)}. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTO_PORT", Integer.toString(appPort));
        env.put("AGENTO_BASE_URL", "http://127.0.0.1:" + appPort);
        env.put("AGENTO_OPENAI_API_BASE", api.baseUrl());
        env.put("AGENTO_OPENAI_CHATGPT_BASE", api.chatGptBaseUrl());
        env.put("AGENTO_OPENAI_OAUTH_AUTHORIZE_URL", auth.authorizeUrl());
        env.put("AGENTO_OPENAI_OAUTH_TOKEN_URL", auth.tokenUrl());
        env.put("AGENTO_OPENAI_OAUTH_REVOKE_URL", auth.revokeUrl());
        env.put("AGENTO_OPENAI_OAUTH_CLIENT_ID", auth.clientId());
        env.put("AGENTO_OPENAI_OAUTH_REDIRECT_URI", auth.redirectUri());
        env.put("AGENTO_OPENAI_OAUTH_ISSUER", auth.issuer());
        env.put("AGENTO_OPENAI_DEVICE_AUTH_URL", auth.deviceAuthUrl());
        env.put("AGENTO_OPENAI_DEVICE_VERIFY_URL", auth.deviceVerifyUrl());
        env.put("AGENTO_OPENAI_DEVICE_REDIRECT_URI", auth.deviceRedirectUri());
        return env;
    }

    @Override
    public void close() {
        api.close();
        auth.close();
    }
}
