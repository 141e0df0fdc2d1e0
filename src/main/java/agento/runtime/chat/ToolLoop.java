package agento.runtime.chat;

import agento.common.Json;
import agento.runtime.openai.ChatOutcome;
import agento.runtime.openai.FunctionCall;
import agento.runtime.openai.InputItem;
import agento.runtime.openai.ResponsesRequest;
import agento.runtime.openai.Usage;
import agento.runtime.toolbox.AgentTools;
import agento.runtime.toolbox.ToolPlan;
import agento.runtime.toolbox.ToolResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reply with tools: ask the model; when it calls functions, run each (at most the agent's limit per reply, a
 * tool marked "Ask before running" only once the person allows it), hand the outputs back and ask again, until the
 * model answers in text. Every call is kept and shown where it happened; a failing tool becomes text for the model.
 */
final class ToolLoop {
    static final Duration APPROVAL_WAIT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ToolLoop.class);

    /** One streamed request to the model with this input and these options. */
    interface Model {
        ChatOutcome call(List<InputItem> input, ResponsesRequest.Options options, Consumer<String> onDelta);
    }

    private final AgentTools tools;
    private final ToolCallLog calls;
    private final Generation generation;
    private final StringBuilder text = new StringBuilder();
    private boolean newRound;
    private int made;
    private long inputTokens;
    private long outputTokens;

    ToolLoop(AgentTools tools, ToolCallLog calls, Generation generation) {
        this.tools = tools;
        this.calls = calls;
        this.generation = generation;
    }

    /** Tool calls the model made so far (run or not). */
    int made() {
        return made;
    }

    /** Tokens of every response so far. */
    Usage usage() {
        return new Usage(inputTokens, outputTokens, inputTokens + outputTokens);
    }

    ChatOutcome run(List<InputItem> history, Model model) {
        List<InputItem> input = new ArrayList<>(history);
        int max = tools.maxCalls();
        while (true) {
            boolean mayCall = made < max;
            ChatOutcome outcome = model.call(input, ResponsesRequest.Options.tools(tools.specs(), mayCall),
                    this::delta);
            if (!(outcome instanceof ChatOutcome.Completed done)) {
                return outcome.withText(text.toString());
            }
            inputTokens += done.usage().inputTokens();
            outputTokens += done.usage().outputTokens();
            // once the calls are used up the model is told to answer in text; one that calls on is not asked again
            if (done.calls().isEmpty() || !mayCall) {
                return new ChatOutcome.Completed(text.toString(), usage());
            }
            if (!done.text().isEmpty()) {
                input.add(InputItem.assistant(done.text()));
            }
            for (FunctionCall call : done.calls()) {
                input.add(InputItem.call(call));
                input.add(InputItem.output(call.callId(), handle(call, max)));
                if (generation.stopSignal().isStopped()) {
                    return new ChatOutcome.Stopped(text.toString());
                }
            }
            newRound = true;
        }
    }

    private void delta(String delta) {
        if (newRound && !delta.isEmpty()) {
            newRound = false;
            delta = text.isEmpty() ? delta : "\n\n" + delta;
        }
        text.append(delta);
        generation.append(delta);
    }

    /** Runs (or refuses) one call and returns its output for the model. */
    private String handle(FunctionCall call, int max) {
        made++;
        if (made > max) {
            String why = "Not run: this reply already made " + max + " tool call" + (max == 1 ? "" : "s")
                    + ", the most it may. Answer with what you have.";
            if (made == max + 1) {
                shown(calls.start(generation.messageId(), call, call.name(), call.arguments(), ToolCall.REFUSED, why,
                        text.length()));
            }
            return why;
        }
        ToolPlan plan = tools.plan(call);
        if (plan.isRefused()) {
            shown(calls.start(generation.messageId(), call, plan.label(), call.arguments(), ToolCall.REFUSED,
                    plan.refusal(), text.length()));
            return "Not run: " + plan.refusal();
        }
        ToolCall row = calls.start(generation.messageId(), call, plan.label(), json(plan),
                plan.askFirst() ? ToolCall.ASKING : ToolCall.RUNNING, null, text.length());
        if (!plan.askFirst()) {
            shown(row);
        } else {
            Generation.Answer answer = generation.ask(row, APPROVAL_WAIT);
            if (answer != Generation.Answer.ALLOW) {
                String why = switch (answer) {
                    case DENY -> "The person denied this call, so it did not run. Answer without it.";
                    case NO_ANSWER -> "Nobody allowed this call within " + APPROVAL_WAIT.toMinutes()
                            + " minutes, so it did not run. Answer without it.";
                    default -> "The reply was stopped before this call ran.";
                };
                shown(calls.status(row, ToolCall.DENIED, why));
                return why;
            }
            row = shown(calls.status(row, ToolCall.RUNNING, null));
        }
        ToolResult result;
        try {
            result = plan.runner().get();
        } catch (RuntimeException e) {
            log.warn("tool call {} of reply {} broke: {}", row.id(), generation.messageId(), e.toString());
            result = ToolResult.failed("The tool broke before it gave a result.");
        }
        shown(calls.finish(row, result));
        return result.forModel();
    }

    private ToolCall shown(ToolCall call) {
        generation.show(call);
        return call;
    }

    private static String json(ToolPlan plan) {
        try {
            return Json.mapper().writeValueAsString(new java.util.TreeMap<>(plan.inputs()));
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
