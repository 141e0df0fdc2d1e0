package agento.fakes;

import static agento.fakes.LoopbackServer.openAiError;
import static agento.fakes.LoopbackServer.sendJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** What the real Responses backends refuse, answered with their error bodies; false means "answered". */
final class FakeResponsesChecks {

    private FakeResponsesChecks() {}

    static boolean authorized(HttpExchange exchange, boolean chatGpt, Set<String> keys,
            BiPredicate<String, String> chatGptTokens) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String bearer = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : null;
        if (chatGpt) {
            String account = exchange.getRequestHeaders().getFirst("ChatGPT-Account-Id");
            if (bearer == null || account == null || !chatGptTokens.test(bearer, account)) {
                sendJson(exchange, 401, Map.of("detail", "Unauthorized"));
                return false;
            }
            return true;
        }
        if (bearer == null) {
            sendJson(exchange, 401, openAiError("You didn't provide an API key. You need to provide your API key in "
                    + "an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null));
            return false;
        }
        if (!keys.contains(bearer)) {
            String masked = bearer.length() <= 8 ? "sk-..." : bearer.substring(0, 3) + "..."
                    + bearer.substring(bearer.length() - 4);
            sendJson(exchange, 401, openAiError("Incorrect API key provided: " + masked + ". You can find your API "
                    + "key at https://platform.openai.com/account/api-keys.", "invalid_request_error",
                    "invalid_api_key"));
            return false;
        }
        return true;
    }

    static boolean validBody(HttpExchange exchange, boolean chatGpt, JsonNode body) throws IOException {
        String problem = problem(chatGpt, body);
        if (problem == null) {
            return true;
        }
        if (chatGpt) {
            sendJson(exchange, 400, Map.of("detail", problem));
        } else {
            sendJson(exchange, 400, openAiError(problem, "invalid_request_error", "invalid_request"));
        }
        return false;
    }

    private static String problem(boolean chatGpt, JsonNode body) {
        if (body == null || !body.isObject()) {
            return "We could not parse the JSON body of your request.";
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isEmpty()) {
            return "Missing required parameter: 'model'.";
        }
        if (!body.path("input").isArray() || body.path("input").isEmpty()) {
            return "Missing required parameter: 'input'.";
        }
        if (!body.path("store").isBoolean() || body.path("store").asBoolean()) {
            return "Store must be set to false";
        }
        if (!body.path("stream").isBoolean() || !body.path("stream").asBoolean()) {
            return "Stream must be set to true";
        }
        if (chatGpt && (!body.path("instructions").isTextual() || body.path("instructions").asText().isBlank())) {
            return "Instructions are required";
        }
        if (chatGpt && body.has("max_output_tokens")) {
            return "Unsupported parameter: max_output_tokens";
        }
        return FakeToolChecks.problem(body);
    }
}
