package agento.accounts;

import agento.common.InvalidInputException;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.SafeRedirect;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Setup, sign-in, sign-out and the admin's user list. */
public final class AccountRoutes implements RouteTable {
    private final AccountService accounts;
    private final Clock clock;

    public AccountRoutes(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/setup", this::setupPage, Role.ANYONE);
        routes.post("/setup", this::setup, Role.ANYONE);
        routes.get("/login", this::loginPage, Role.ANYONE);
        routes.post("/login", this::login, Role.ANYONE);
        routes.post("/logout", this::logout, Role.SIGNED_IN);
        routes.get("/admin/users", this::usersPage, Role.ADMIN);
        routes.post("/admin/users", this::addUser, Role.ADMIN);
    }

    private void setupPage(Context ctx) {
        if (!accounts.setupNeeded()) {
            ctx.redirect("/login");
            return;
        }
        ctx.render("accounts/setup", Map.of("email", "", "errors", Map.of()));
    }

    private void setup(Context ctx) {
        if (!accounts.setupNeeded()) {
            throw new NotFoundResponse();
        }
        String email = ctx.formParam("email");
        try {
            User admin = accounts.createFirstAdmin(email, ctx.formParam("password"), ctx.formParam("confirmPassword"));
            signIn(ctx, admin);
            Htmx.redirect(ctx, "/");
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            ctx.render("accounts/setup", Map.of("email", nullToEmpty(email), "errors", e.errors()));
        }
    }

    private void loginPage(Context ctx) {
        if (accounts.setupNeeded()) {
            ctx.redirect("/setup");
            return;
        }
        if (Sessions.user(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        ctx.render("accounts/login", loginModel("", ctx.queryParam("next"), null));
    }

    private void login(Context ctx) {
        String email = ctx.formParam("email");
        String next = SafeRedirect.orDefault(ctx.formParam("next"), "/");
        AccountService.SignIn result = accounts.signIn(email, ctx.formParam("password"), ctx.ip());
        if (result instanceof AccountService.SignIn.Success success) {
            signIn(ctx, success.user());
            Htmx.redirect(ctx, next);
        } else if (result instanceof AccountService.SignIn.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds());
            ctx.header("Retry-After", Long.toString(seconds));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            ctx.render("accounts/login", loginModel(email, next,
                    "Too many failed sign-in attempts. Wait " + seconds + " seconds, then try again."));
        } else if (result instanceof AccountService.SignIn.Busy) {
            ctx.header("Retry-After", "5");
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            ctx.render("accounts/login", loginModel(email, next, HashingSlots.Busy.MESSAGE));
        } else {
            ctx.status(HttpStatus.UNAUTHORIZED);
            ctx.render("accounts/login", loginModel(email, next, "Email or password is incorrect."));
        }
    }

    private void logout(Context ctx) {
        Sessions.signOut(ctx);
        Htmx.redirect(ctx, "/login");
    }

    private void usersPage(Context ctx) {
        ctx.render("accounts/users", usersModel("", Map.of(), null));
    }

    /** A plain form (no htmx here): back to the Users page either way, with what happened or the typed email. */
    private void addUser(Context ctx) {
        String email = ctx.formParam("email");
        try {
            User user = accounts.createUser(email, ctx.formParam("password"));
            RedirectAfterPost.redirect(ctx, "/admin/users", Map.of("notice", "Added " + user.email() + "."));
        } catch (InvalidInputException e) {
            RedirectAfterPost.redirect(ctx, "/admin/users#add-user-heading", Map.of("email", nullToEmpty(email),
                    "errors", e.errors()));
        }
    }

    private void signIn(Context ctx, User user) {
        Sessions.signIn(ctx, new SessionUser(user.id(), user.email(), user.isAdmin(), clock.instant()));
    }

    private Map<String, Object> usersModel(String email, Map<String, String> errors, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("users", accounts.listUsers());
        model.put("email", email);
        model.put("errors", errors);
        model.put("notice", notice);
        return model;
    }

    private static Map<String, Object> loginModel(String email, String next, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("email", nullToEmpty(email));
        model.put("next", SafeRedirect.orDefault(next, "/"));
        model.put("error", error);
        return model;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
