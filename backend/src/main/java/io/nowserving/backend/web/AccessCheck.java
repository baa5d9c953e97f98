package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.nowserving.backend.ids.Ids;
import io.nowserving.shared.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The one access check: every matched route is decided here by its {@link Role}s and the branch in its path,
 * and the resolved {@link Caller} is attached to the request. A bearer token that resolves to nobody is 401 on
 * every route; a caller no role admits is 401 when anonymous, else 403. A staff member whose password was
 * generated may only change it (or log out) until they have.
 */
public final class AccessCheck {
    public static final String DEVICE_COOKIE = "ns_device";
    private static final String CALLER = "ns.caller";
    private static final String ADDRESS = "ns.address";

    private final Ids ids;
    private final boolean testClock;
    private final CredentialResolver credentials;
    private final ClientAddress addresses;
    private final Optional<String> metricsToken;

    public AccessCheck(Ids ids, boolean testClock, CredentialResolver credentials, ClientAddress addresses,
                       Optional<String> metricsToken) {
        this.ids = ids;
        this.testClock = testClock;
        this.credentials = credentials;
        this.addresses = addresses;
        this.metricsToken = metricsToken;
    }

    public void register(Javalin app) {
        app.beforeMatched(this::check);
    }

    private void check(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        ctx.attribute(ADDRESS, addresses.of(ctx));
        if (roles.contains(Role.METRICS)) {
            checkMetricsToken(ctx);
            return;
        }
        if (roles.contains(Role.TEST) && !testClock) {
            throw Refusal.notFound("no such resource: " + ctx.path());
        }
        Caller caller = resolve(ctx);
        ctx.attribute(CALLER, caller);
        if (caller.mustChangePassword() && !roles.contains(Role.SIGNED_IN)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "change your password first (POST /api/v1/auth/password)");
        }
        String branch = ctx.pathParamMap().get("b");
        for (Object role : roles) {
            if (role instanceof Role r && admits(r, caller, branch)) {
                return;
            }
        }
        if (caller.isAnonymous()) {
            throw new Refusal(ErrorCode.UNAUTHORIZED, "sign in first (Authorization: Bearer <token>)");
        }
        throw new Refusal(ErrorCode.FORBIDDEN, "not allowed for this role or branch");
    }

    private boolean admits(Role role, Caller c, String branch) {
        return switch (role) {
            case ANYONE -> true;
            case SIGNED_IN -> c.isStaff();
            case CLERK, TEST -> branch != null && c.mayServe(branch);
            case ADMIN -> branch != null && c.mayAdminister(branch);
            case OWNER -> c.isOwner();
            case DISPLAY -> branch != null && c.isDevice(Caller.Kind.DISPLAY, branch);
            case KIOSK -> branch != null && c.isDevice(Caller.Kind.KIOSK, branch);
            case METRICS -> false;
        };
    }

    private Caller resolve(Context ctx) {
        Optional<String> bearer = bearer(ctx);
        if (bearer.isPresent()) {
            return credentials.resolve(bearer.get()).orElseThrow(() -> new Refusal(ErrorCode.UNAUTHORIZED,
                    "the credential is unknown, expired or revoked; sign in again"));
        }
        String device = ctx.cookie(DEVICE_COOKIE);
        return Caller.anonymous(isDeviceKey(device) ? Optional.of(device) : Optional.empty());
    }

    private void checkMetricsToken(Context ctx) {
        if (metricsToken.isEmpty()) {
            throw Refusal.notFound("no such resource: " + ctx.path());
        }
        byte[] given = bearer(ctx).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, metricsToken.get().getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(ErrorCode.UNAUTHORIZED, "metrics need NOWSERVING_METRICS_TOKEN as a bearer token");
        }
    }

    /** The bearer token of the request, if it carries one. */
    public static Optional<String> bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null) {
            return Optional.empty();
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() == 7) {
            throw new Refusal(ErrorCode.UNAUTHORIZED, "Authorization must be 'Bearer <token>'");
        }
        return Optional.of(auth.substring(7).trim());
    }

    /** The caller resolved for this request. */
    public static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** The client address of this request (see {@link ClientAddress}); never to be logged. */
    public static String clientAddress(Context ctx) {
        return ctx.attribute(ADDRESS);
    }

    /**
     * The web customer key of this caller: its device cookie, or a new one set on the answer (HttpOnly, so page
     * scripts never see it).
     */
    public String deviceKey(Context ctx) {
        String existing = ctx.cookie(DEVICE_COOKIE);
        if (isDeviceKey(existing)) {
            return existing;
        }
        String fresh = ids.token();
        Cookie cookie = new Cookie(DEVICE_COOKIE, fresh, "/", 400 * 24 * 3600, "https".equals(ctx.scheme()), 0, true,
                null, null, SameSite.LAX);
        ctx.cookie(cookie);
        return fresh;
    }

    private static boolean isDeviceKey(String value) {
        return value != null && value.matches("[A-Za-z0-9_-]{43}");
    }
}
