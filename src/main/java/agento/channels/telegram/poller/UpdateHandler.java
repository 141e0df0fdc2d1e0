package agento.channels.telegram.poller;

import agento.agents.Agent;
import agento.agents.AgentService;
import agento.channels.telegram.botapi.BotToken;
import agento.channels.telegram.botapi.Update;
import agento.channels.telegram.botapi.Update.IncomingMessage;
import agento.channels.telegram.bots.TelegramBot;
import agento.channels.telegram.pairing.Pairing;
import agento.common.InvalidInputException;
import agento.provider.core.ConnectionHealth;
import agento.runtime.chat.AgentStoppedException;
import agento.runtime.chat.ChatRelay;
import agento.runtime.chat.Conversation;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.Generation;
import agento.runtime.chat.Message;
import agento.runtime.chat.ToolCall;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One Telegram update: the policy (a pairing code, a refusal), {@code /new} and {@code /start}, or the message to
 * the agent exactly as the web chat sends it, one conversation per Telegram chat. The update is accepted (the
 * offset moves past it) as soon as the message is stored, before the reply is written: a restart then neither
 * repeats it nor loses it. A tool that asks before running is a question in the chat; the next message answers it
 * (yes or no) and the reply goes on.
 */
final class UpdateHandler {
    private static final Duration MAX_REPLY_WAIT = Duration.ofMinutes(15);

    private final AgentService agents;
    private final Pairing pairing;
    private final ChatRelay relay;
    private final Conversations conversations;
    private final ConnectionHealth health;
    private final ReplySender sender;

    UpdateHandler(AgentService agents, Pairing pairing, ChatRelay relay, Conversations conversations,
                  ConnectionHealth health, ReplySender sender) {
        this.agents = agents;
        this.pairing = pairing;
        this.relay = relay;
        this.conversations = conversations;
        this.health = health;
        this.sender = sender;
    }

    /**
     * Handles {@code update}, running {@code accept} once it may be forgotten; {@code tick} keeps the lease while the
     * model works. False when the agent no longer runs: nothing was accepted and the message waits at Telegram.
     */
    boolean handle(TelegramBot bot, BotToken token, Update update, Runnable accept, Runnable tick) {
        IncomingMessage message = update.message();
        Optional<Agent> running = agents.find(bot.agentId()).filter(Agent::isRunning);
        if (running.isEmpty()) {
            return false;
        }
        if (message == null) {
            accept.run();
            return true;
        }
        Agent agent = running.get();
        Pairing.Admission admission = pairing.admit(agent.id(), bot.policyEnum(), message.fromId(), message.fromName());
        String text = message.text() == null ? "" : message.text().strip();
        if (!admission.allowed() || message.text() == null) {
            sender.send(token, message.chatId(), admission.allowed()
                    ? "I can only read text messages." : admission.reply());
            accept.run();
            return true;
        }
        String chat = Long.toString(message.chatId());
        String command = text.toLowerCase(Locale.ROOT).replaceFirst("@\\S*$", "");
        if (command.equals("/new") || command.equals("/start")) {
            if (command.equals("/new")) {
                conversations.create(agent, Conversation.TELEGRAM, chat, Conversations.UNTITLED);
            }
            sender.send(token, message.chatId(), command.equals("/new") ? "Started a new conversation."
                    : "Hi! I'm " + agent.name() + ". Send me a message; /new starts a new conversation.");
            accept.run();
            return true;
        }
        Optional<Conversation> latest = conversations.latestForChat(agent, Conversation.TELEGRAM, chat);
        Optional<Generation> asking = latest.flatMap(relay::asking);
        if (asking.isPresent()) {
            accept.run();
            answer(agent, token, message.chatId(), asking.get(), command, tick);
            return true;
        }
        long replyId;
        try {
            // a chat's first conversation starts only once its first message is accepted
            replyId = relay.send(agent, () -> latest.orElseGet(() -> conversations.create(agent,
                    Conversation.TELEGRAM, chat, text)), text, false).replyId();
        } catch (AgentStoppedException stopped) {
            return false;
        } catch (InvalidInputException refused) {
            sender.send(token, message.chatId(), refused.errors().getOrDefault("message", "I can't take that message."));
            accept.run();
            return true;
        }
        accept.run();
        reply(agent, token, message.chatId(), replyId, tick);
        return true;
    }

    /** "yes" allows the tool call the reply waits on, "no" denies it; anything else asks again. */
    private void answer(Agent agent, BotToken token, long chatId, Generation asking, String text, Runnable tick) {
        Optional<ToolCall> question = asking.question();
        Boolean allow = text.matches("y|yes|allow|ok") ? Boolean.TRUE : text.matches("n|no|deny") ? Boolean.FALSE : null;
        if (question.isEmpty() || allow == null) {
            question.ifPresent(q -> sender.send(token, chatId, "Please answer yes or no first. " + question(q)));
            return;
        }
        relay.answer(agent, asking.messageId(), question.get().id(), allow, false);
        reply(agent, token, chatId, asking.messageId(), tick);
    }

    /** Waits for the reply while the chat shows "typing…", then sends it, or the question it stopped at. */
    private void reply(Agent agent, BotToken token, long chatId, long replyId, Runnable tick) {
        sender.typingWhile(token, chatId, () -> awaitReply(replyId), tick);
        Optional<ToolCall> question = relay.streaming(replyId).flatMap(Generation::question);
        if (question.isPresent()) {
            sender.send(token, chatId, question(question.get()));
            return;
        }
        Message reply = conversations.message(agent, replyId).orElseThrow();
        sender.send(token, chatId, FailureReplies.text(reply, health.summary(agent)));
    }

    private static String question(ToolCall call) {
        String inputs = "{}".equals(call.arguments()) ? "" : " with " + call.arguments();
        return "I'd like to run \u201c" + call.label() + "\u201d" + inputs + ". Shall I? Answer yes or no.";
    }

    private void awaitReply(long replyId) {
        Optional<Generation> streaming = relay.streaming(replyId);
        if (streaming.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Generation.Watcher watcher = new Generation.Watcher() {
            @Override
            public void delta(String text) {
                // one Telegram message at the end: nothing to do per delta
            }

            // only the question the reply waits on now (a replayed call may still read "asking" just after "yes")
            @Override
            public void call(ToolCall call) {
                if (call.isAsking() && streaming.get().question().filter(q -> q.id() == call.id()).isPresent()) {
                    done.countDown();
                }
            }

            @Override
            public void done() {
                done.countDown();
            }
        };
        if (!streaming.get().watch(watcher)) {
            return;
        }
        try {
            done.await(MAX_REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streaming.get().unwatch(watcher);
        }
    }
}
