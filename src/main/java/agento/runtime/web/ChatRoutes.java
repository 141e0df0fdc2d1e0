package agento.runtime.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.common.InvalidInputException;
import agento.runtime.chat.AgentStoppedException;
import agento.runtime.chat.ChatRelay;
import agento.runtime.chat.Conversation;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.Generation;
import agento.runtime.chat.ToolCall;
import agento.web.Htmx;
import agento.web.PathScope;
import agento.web.Role;
import agento.web.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Chat tab: the conversation, Send (streamed with htmx's SSE extension, or whole without JavaScript), Stop, and
 * Allow / Deny for a tool call that asks before running.
 */
public final class ChatRoutes implements RouteTable {
    private final ChatRelay relay;
    private final Conversations conversations;
    private final ChatPage page;

    public ChatRoutes(ChatRelay relay, Conversations conversations, ChatPage page) {
        this.relay = relay;
        this.conversations = conversations;
        this.page = page;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}/chat", ctx -> page.render(ctx, conversationParam(ctx), Map.of()), Role.SIGNED_IN);
        routes.post("/agents/{id}/chat/new", this::newConversation, Role.SIGNED_IN);
        routes.post("/agents/{id}/chat/messages", this::send, Role.SIGNED_IN);
        routes.get("/agents/{id}/chat/replies/{message}", ctx -> page.renderMessage(ctx, messageId(ctx)),
                Role.SIGNED_IN);
        routes.sse("/agents/{id}/chat/replies/{message}/stream", this::stream, Role.SIGNED_IN);
        routes.post("/agents/{id}/chat/replies/{message}/stop", this::stop, Role.SIGNED_IN);
        routes.post("/agents/{id}/chat/replies/{message}/calls/{call}/allow", ctx -> answer(ctx, true),
                Role.SIGNED_IN);
        routes.post("/agents/{id}/chat/replies/{message}/calls/{call}/deny", ctx -> answer(ctx, false),
                Role.SIGNED_IN);
    }

    private void newConversation(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        Conversation created = conversations.create(agent, Conversation.WEB, null, null);
        Htmx.redirect(ctx, ChatPage.url(agent, created.id()));
    }

    private void send(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        Long conversationId = conversationParam(ctx);
        String text = ctx.formParam("message");
        try {
            Conversation found = conversationId == null ? null
                    : conversations.find(agent, conversationId).orElseThrow(NotFoundResponse::new);
            boolean htmx = Htmx.isRequest(ctx);
            // the page's conversation list changes only when this conversation is new, gets its title from this first
            // message, or moves to the top
            boolean listChanges = htmx && (found == null || Conversations.UNTITLED.equals(found.title())
                    || !conversations.isNewestWeb(agent, found));
            // a new conversation starts only once the message is accepted, named after it
            ChatRelay.Sent sent = relay.send(agent, () -> found != null ? found
                    : conversations.create(agent, Conversation.WEB, null, text), text, !htmx);
            if (htmx) {
                page.renderExchange(ctx, sent.conversation(), sent.replyId(), listChanges);
            } else {
                ctx.redirect(ChatPage.url(agent, sent.conversation().id()) + "#message-" + sent.replyId(),
                        HttpStatus.SEE_OTHER);
            }
        } catch (AgentStoppedException e) {
            page.refuse(ctx, HttpStatus.CONFLICT, conversationId, text, e.getMessage());
        } catch (InvalidInputException e) {
            page.refuse(ctx, HttpStatus.UNPROCESSABLE_CONTENT, conversationId, text, e.errors().get("message"));
        }
    }

    private void stream(SseClient client) {
        Context ctx = client.ctx();
        Agent agent = AgentScope.agent(ctx);
        long messageId = messageId(ctx);
        // a reply being written is known here with its agent (whose owner AgentScope checked): no query for it
        Generation generation = relay.streaming(agent, messageId).orElse(null);
        if (generation == null) {
            conversations.message(agent, messageId).orElseThrow(NotFoundResponse::new);
        }
        client.keepAlive();
        Set<Long> shown = new HashSet<>();
        Generation.Watcher watcher = new Generation.Watcher() {
            @Override
            public void delta(String text) {
                client.sendEvent("delta", "<span>" + Html.escape(text) + "</span>");
            }

            // a new call is appended where it happened; a change replaces the call's block (hx-swap-oob)
            @Override
            public void call(ToolCall call) {
                client.sendEvent("delta", page.toolCallHtml(ctx, agent, call, !shown.add(call.id())));
            }

            @Override
            public void done() {
                client.sendEvent("done", "done");
                client.close();
            }
        };
        if (generation == null || !generation.watch(watcher)) {
            watcher.done();
            return;
        }
        client.onClose(() -> generation.unwatch(watcher));
    }

    private void stop(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        long messageId = messageId(ctx);
        conversations.message(agent, messageId).orElseThrow(NotFoundResponse::new);
        relay.stop(agent, messageId);
        if (Htmx.isRequest(ctx)) {
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            ctx.redirect(ChatPage.url(agent, null) + "#message-" + messageId, HttpStatus.SEE_OTHER);
        }
    }

    /** Allow or Deny: htmx gets 204 (the stream shows what follows); a plain form the page once the reply settles. */
    private void answer(Context ctx, boolean allow) {
        Agent agent = AgentScope.agent(ctx);
        long messageId = messageId(ctx);
        long conversationId = conversations.message(agent, messageId).orElseThrow(NotFoundResponse::new)
                .conversationId();
        long callId = PathScope.id(ctx, "call");
        boolean htmx = Htmx.isRequest(ctx);
        relay.answer(agent, messageId, callId, allow, !htmx);
        if (htmx) {
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            ctx.redirect(ChatPage.url(agent, conversationId) + "#message-" + messageId, HttpStatus.SEE_OTHER);
        }
    }

    private static Long conversationParam(Context ctx) {
        String raw = ctx.formParamMap().containsKey("conversation") ? ctx.formParam("conversation")
                : ctx.queryParam("c");
        return raw == null || raw.isBlank() ? null : positive(raw);
    }

    private static long messageId(Context ctx) {
        return PathScope.id(ctx, "message");
    }

    private static long positive(String raw) {
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to 404
        }
        throw new NotFoundResponse();
    }
}
