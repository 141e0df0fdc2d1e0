package agento.runtime.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.runtime.chat.Conversation;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.MarkdownRenderer;
import agento.runtime.chat.Message;
import agento.runtime.chat.TokenBudget;
import agento.runtime.chat.ToolCall;
import agento.runtime.chat.ToolCallLog;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.rendering.FileRenderer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the Chat tab and its parts: one message (with its tool calls), a sent message with its streaming reply, a
 * tool call as the stream sends it, the Send form.
 */
public final class ChatPage {
    private final Conversations conversations;
    private final ToolCallLog toolCalls;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    public ChatPage(Conversations conversations, ToolCallLog toolCalls) {
        this.conversations = conversations;
        this.toolCalls = toolCalls;
    }

    static String url(Agent agent, Long conversationId) {
        return "/agents/" + agent.id() + "/chat" + (conversationId == null ? "" : "?c=" + conversationId);
    }

    /** The whole tab: the conversation asked for (or the latest), the others, the Send form. */
    public void render(Context ctx, Long conversationId, Map<String, Object> extra) {
        Agent agent = AgentScope.agent(ctx);
        List<Conversation> recent = conversations.recentWeb(agent);
        Optional<Conversation> current = conversationId == null ? recent.stream().findFirst()
                : Optional.of(conversations.find(agent, conversationId).orElseThrow(NotFoundResponse::new));
        Map<String, Object> model = new HashMap<>();
        model.put("agent", agent);
        model.put("tab", "chat");
        model.put("conversations", recent);
        model.put("current", current.orElse(null));
        model.put("messages", current.map(c -> {
            Map<Long, List<ToolCall>> calls = toolCalls.forConversation(c.id());
            return conversations.messages(c).stream().map(m -> view(m, calls.getOrDefault(m.id(), List.of())))
                    .toList();
        }).orElse(List.of()));
        model.put("budget", TokenBudget.of(agent, conversations.tokensThisMonth(agent)));
        model.put("draft", "");
        model.put("errors", Map.of());
        model.putAll(extra);
        ctx.render("agents/chat", model);
    }

    void renderMessage(Context ctx, long messageId) {
        Agent agent = AgentScope.agent(ctx);
        Message message = conversations.message(agent, messageId).orElseThrow(NotFoundResponse::new);
        ctx.render("agents/chat :: message", Map.of("agent", agent, "m", view(message,
                toolCalls.forMessage(messageId))));
    }

    /** One tool call as the reply's stream sends it: appended where it happened, or ({@code oob}) replacing itself. */
    String toolCallHtml(Context ctx, Agent agent, ToolCall call, boolean oob) {
        return ctx.appData(FileRenderer.FileRendererKey).render("agents/chat :: tool-call",
                Map.of("agent", agent, "call", ToolCallView.of(call), "oob", oob), ctx);
    }

    /**
     * What Send returns to htmx: the person's message and the reply that starts streaming; with {@code listChanges}
     * also the conversation list, out of band (a new conversation, or one that moves to the top).
     */
    void renderExchange(Context ctx, Conversation conversation, long replyId, boolean listChanges) {
        Agent agent = AgentScope.agent(ctx);
        List<MessageView> exchange = conversations.exchange(conversation, replyId).stream()
                .map(m -> view(m, List.of())).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("agent", agent);
        model.put("exchange", exchange);
        model.put("current", conversation);
        model.put("conversations", listChanges ? conversations.recentWeb(agent) : null);
        ctx.render("agents/chat :: exchange", model);
    }

    /**
     * Send refused (stopped agent 409, bad message or no tokens left 422, or without htmx a redirect to the tab): the
     * form says why, with the message typed, and nothing was sent.
     */
    void refuse(Context ctx, HttpStatus status, Long conversationId, String text, String message) {
        Map<String, Object> extra = Map.of("draft", text == null ? "" : text, "errors", Map.of("message", message));
        if (!Htmx.isRequest(ctx)) {
            RedirectAfterPost.redirect(ctx, url(AgentScope.agent(ctx), conversationId) + "#send-form", extra);
            return;
        }
        ctx.status(status);
        Agent agent = AgentScope.agent(ctx);
        ctx.header("HX-Retarget", "#send-form");
        ctx.header("HX-Reswap", "outerHTML");
        Map<String, Object> model = new HashMap<>(extra);
        model.put("agent", agent);
        model.put("current", conversationId == null ? null : conversations.find(agent, conversationId).orElse(null));
        ctx.render("agents/chat :: send-form", model);
    }

    private MessageView view(Message m, List<ToolCall> calls) {
        if (m.isUser()) {
            return MessageView.of(m, List.of());
        }
        return MessageView.of(m, m.isStreaming() ? ReplyParts.callsOnly(calls)
                : ReplyParts.of(m.content(), calls, markdown));
    }
}
