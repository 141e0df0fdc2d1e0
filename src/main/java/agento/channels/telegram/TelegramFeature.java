package agento.channels.telegram;

import agento.agents.SettingsSection;
import agento.channels.telegram.botapi.BotApi;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.channels.telegram.poller.TelegramPoller;
import agento.channels.telegram.web.TelegramCard;
import agento.channels.telegram.web.TelegramRoutes;
import agento.common.BackgroundWorker;
import agento.feature.Feature;
import agento.feature.Shared;
import agento.provider.ProviderFeature;
import agento.runtime.RuntimeFeature;
import agento.web.RouteTable;
import java.util.List;

/**
 * Talk to a running agent from Telegram: the bot token (vault only), who may talk (pairing, allowed users, anyone),
 * and the poller that long-polls each bot while its agent runs and answers through the same chat relay as the web.
 * Folders: {@code botapi/} the Bot API client, {@code bots/} the bot row and Connect, {@code pairing/} the policy and
 * its people, {@code poller/} the poller (lease, offset, replies, owner alerts), {@code web/} the Settings card.
 */
public final class TelegramFeature implements Feature {
    private final TelegramPoller poller;
    private final TelegramCard card;
    private final List<RouteTable> routes;

    public TelegramFeature(Shared shared, String apiBase, ProviderFeature provider, RuntimeFeature runtime) {
        var jdbi = shared.database().jdbi();
        BotApi api = new BotApi(shared.http(), apiBase);
        TelegramBots bots = new TelegramBots(jdbi, shared.secrets(), api, shared.clock());
        Pairing pairing = new Pairing(jdbi, shared.clock(), shared.random());
        poller = new TelegramPoller(jdbi, shared.clock(), api, new TelegramPoller.Parts(bots, pairing,
                shared.agents(), runtime.parts(), provider.health()));
        bots.onChange(poller::wake);
        shared.agents().onDelete((h, agent) -> shared.secrets().delete(h, TelegramBots.tokenRef(agent.id())));
        card = new TelegramCard(bots, pairing, shared.settingsPage());
        routes = List.of(new TelegramRoutes(card, bots, pairing));
    }

    /** The poller (tests read how many bots it polls). */
    public TelegramPoller poller() {
        return poller;
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }

    @Override
    public List<SettingsSection> settingsSections() {
        return List.of(card);
    }

    @Override
    public List<BackgroundWorker> workers() {
        return List.of(poller);
    }
}
