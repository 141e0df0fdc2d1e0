package agento.accounts;

import agento.common.InvalidInputException;
import agento.web.PathScope;
import agento.web.RedirectAfterPost;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.function.Supplier;

/** Your account (change your password) and the administrator's changes to others: role, password, removal. */
public final class UserAdminRoutes implements RouteTable {
    private final AccountService accounts;
    private final UserAdministration admin;

    public UserAdminRoutes(AccountService accounts, UserAdministration admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/account", ctx -> ctx.render("accounts/account", Map.of("errors", Map.of())), Role.SIGNED_IN);
        routes.post("/account/password", this::changePassword, Role.SIGNED_IN);
        routes.post("/admin/users/{uid}/role", ctx -> act(ctx, () -> admin.changeRole(me(ctx), target(ctx).id(),
                ctx.formParam("role")).email() + " is now " + ("admin".equals(ctx.formParam("role")) ? "an administrator."
                : "a user.")), Role.ADMIN);
        routes.post("/admin/users/{uid}/password", ctx -> act(ctx, () -> "New password set for "
                + admin.resetPassword(me(ctx), target(ctx).id(), ctx.formParam("password")).email() + "."), Role.ADMIN);
        routes.get("/admin/users/{uid}/remove", ctx -> ctx.render("accounts/remove", Map.of("user", target(ctx))),
                Role.ADMIN);
        routes.post("/admin/users/{uid}/remove", ctx -> act(ctx, () -> "Removed "
                + admin.remove(me(ctx), target(ctx).id()).email() + " and everything the account owned."), Role.ADMIN);
    }

    /** Plain forms: back to the page either way (redirect after post), with what happened; no password comes back. */
    private void changePassword(Context ctx) {
        try {
            admin.changeOwnPassword(me(ctx), ctx.formParam("currentPassword"), ctx.formParam("newPassword"),
                    ctx.formParam("confirmPassword"));
            RedirectAfterPost.redirect(ctx, "/account", Map.of("notice", "Your password was changed."));
        } catch (InvalidInputException e) {
            RedirectAfterPost.redirect(ctx, "/account", Map.of("errors", e.errors()));
        }
    }

    /** One change to someone's account, then the Users page with what happened (or why not). */
    private void act(Context ctx, Supplier<String> change) {
        String said;
        try {
            said = change.get();
        } catch (InvalidInputException e) {
            RedirectAfterPost.redirect(ctx, "/admin/users", Map.of("problem", String.join(" ", e.errors().values())));
            return;
        }
        // an administrator who made themselves a user no longer sees the Users page: their account page says it
        boolean stillAdmin = accounts.findUser(me(ctx)).map(User::isAdmin).orElse(false);
        RedirectAfterPost.redirect(ctx, stillAdmin ? "/admin/users" : "/account", Map.of("notice", said));
    }

    private static long me(Context ctx) {
        SessionUser user = Sessions.requireUser(ctx);
        return user.id();
    }

    private User target(Context ctx) {
        return accounts.findUser(PathScope.id(ctx, "uid")).orElseThrow(NotFoundResponse::new);
    }
}
