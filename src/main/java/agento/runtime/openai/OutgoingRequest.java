package agento.runtime.openai;

import agento.common.Json;
import agento.runtime.openai.ResponsesTarget.Backend;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Builds the HTTP request each backend accepts: its headers and its rules for the JSON body. */
final class OutgoingRequest {

    /** The ChatGPT backend refuses a request without instructions. */
    static final String DEFAULT_INSTRUCTIONS = "You are a helpful assistant.";


    private OutgoingRequest() {}

    /** Which header value could not be sent as it is (so nothing is sent), or null when all can. */
    static String unsendable(ResponsesRequest request) {
        ResponsesTarget target = request.target();
        if (!isHeaderSafe(target.bearer(), false)) {
            return target.backend() == Backend.API_KEY ? "API key" : "ChatGPT access token";
        }
        if (target.backend() == Backend.CHATGPT && (!isHeaderSafe(target.accountId(), false)
                || !isHeaderSafe(target.originator(), false)
                || !isHeaderSafe(request.conversationId(), true))) {
            return "ChatGPT account details";
        }
        return null;
    }

    static HttpRequest build(ResponsesRequest request, Duration firstByte) {
        ResponsesTarget target = request.target();
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/responses"))
                .timeout(firstByte)
                .header("Authorization", "Bearer " + target.bearer())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
        if (target.backend() == Backend.CHATGPT) {
            http.header("ChatGPT-Account-Id", target.accountId()).header("originator", target.originator());
            if (request.conversationId() != null && !request.conversationId().isEmpty()) {
                http.header("session_id", request.conversationId());
            }
        }
        return http.build();
    }

    static byte[] body(ResponsesRequest request) {
        boolean chatGpt = request.target().backend() == Backend.CHATGPT;
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", request.model());
        boolean blank = request.instructions() == null || request.instructions().isBlank();
        if (!blank || chatGpt) {
            root.put("instructions", blank ? DEFAULT_INSTRUCTIONS : request.instructions());
        }
        ArrayNode input = root.putArray("input");
        request.input().forEach(item -> item(input.addObject(), item));
        root.put("stream", true);
        root.put("store", false);
        ResponsesRequest.Options options = request.options();
        if (!chatGpt && options.maxOutputTokens() != null) {
            root.put("max_output_tokens", options.maxOutputTokens());
        }
        if (!options.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            options.tools().forEach(tool -> tool(tools.addObject(), tool));
            root.put("tool_choice", options.mayCallTools() ? "auto" : "none");
        }
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    // store:false, so a function call is sent back as the model made it (without its item id) before its output
    private static void item(ObjectNode node, InputItem item) {
        if (item instanceof InputItem.Message message) {
            node.put("role", message.role()).put("content", message.content());
        } else if (item instanceof InputItem.Call call) {
            node.put("type", "function_call").put("call_id", call.call().callId()).put("name", call.call().name())
                    .put("arguments", call.call().arguments());
        } else {
            InputItem.Output output = (InputItem.Output) item;
            node.put("type", "function_call_output").put("call_id", output.callId()).put("output", output.output());
        }
    }

    /** A function tool whose parameters are all required strings: strict mode holds the model to the schema. */
    private static void tool(ObjectNode node, ToolSpec tool) {
        node.put("type", "function").put("name", tool.name()).put("description", tool.description());
        ObjectNode parameters = node.putObject("parameters");
        parameters.put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        ArrayNode required = parameters.putArray("required");
        for (String name : tool.parameters()) {
            properties.putObject(name).put("type", "string");
            required.add(name);
        }
        parameters.put("additionalProperties", false);
        node.put("strict", true);
    }

    /** Visible ASCII and inner spaces only: no CR, LF or other control characters. */
    private static boolean isHeaderSafe(String value, boolean optional) {
        if (value == null || value.isEmpty()) {
            return optional;
        }
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.strip().equals(value);
    }
}
