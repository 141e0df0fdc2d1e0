package agento.agents;

import agento.common.InvalidInputException;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a Settings section's card answers a form: alone for htmx (the card targets itself), inside the whole Settings
 * tab otherwise. Invalid input comes back as 422 with {@code <prefix>Errors} (htmx) or as a redirect to the Settings
 * tab, which shows those messages once; success as {@code <prefix>Notice} (htmx) or a redirect to the Settings tab,
 * which shows that notice once (plain form).
 */
public final class SectionCard {
    private final SettingsSection section;
    private final SettingsPage settingsPage;
    private final String cardFragment;
    private final String prefix;

    /** {@code cardFragment}: e.g. {@code "agents/settings/provider :: provider-card"}; {@code prefix}: "provider". */
    public SectionCard(SettingsSection section, SettingsPage settingsPage, String cardFragment, String prefix) {
        this.section = section;
        this.settingsPage = settingsPage;
        this.cardFragment = cardFragment;
        this.prefix = prefix;
    }

    /** Runs one service call, then shows the card (htmx) or goes back to the Settings tab (plain form). */
    public void act(Context ctx, Runnable action, String notice) {
        act(ctx, () -> {
            action.run();
            return notice;
        });
    }

    /** As {@link #act(Context, Runnable, String)}, the action itself saying what happened. */
    public void act(Context ctx, Supplier<String> action) {
        String notice;
        try {
            notice = action.get();
        } catch (InvalidInputException e) {
            Map<String, Object> refused = new HashMap<>();
            refused.put(prefix + "Errors", e.errors());
            section.keptFields().forEach((field, name) -> refused.put(name, ctx.formParam(field)));
            if (Htmx.isRequest(ctx)) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                render(ctx, refused);
            } else {
                RedirectAfterPost.redirect(ctx, settingsAddress(ctx), refused);
            }
            return;
        }
        if (Htmx.isRequest(ctx)) {
            render(ctx, Map.of(prefix + "Notice", notice));
        } else {
            // a plain form: redirect after post, and the Settings tab says what happened once
            RedirectAfterPost.redirect(ctx, settingsAddress(ctx), Map.of(prefix + "Notice", notice));
        }
    }

    private String settingsAddress(Context ctx) {
        return "/agents/" + AgentScope.agent(ctx).id() + "/settings#" + section.id() + "-heading";
    }

    /** The card alone for htmx, else the whole Settings tab; {@code extra} overrides the card's model. */
    public void render(Context ctx, Map<String, Object> extra) {
        SessionUser user = Sessions.requireUser(ctx);
        if (!Htmx.isRequest(ctx)) {
            settingsPage.render(ctx, user, extra);
            return;
        }
        Agent agent = AgentScope.agent(ctx);
        Map<String, Object> model = new HashMap<>(section.model(ctx, user, agent));
        model.putAll(extra);
        model.put("agent", agent);
        ctx.render(cardFragment, model);
    }
}
