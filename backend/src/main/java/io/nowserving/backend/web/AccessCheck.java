package io.nowserving.backend.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.nowserving.backend.ids.Ids;
import io.nowserving.shared.api.ErrorCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The one access check: every matched route is decided here by its {@link Role}s, and the resolved
 * {@link Caller} is attached to the request. Until staff login exists, staff routes answer only callers on the
 * loopback interface (never trusting X-Forwarded-For); on routes for anyone every caller is anonymous, and a
 * privileged field (a priority ticket) is honoured only for a local caller.
 */
public final class AccessCheck {
    public static final String DEVICE_COOKIE = "ns_device";
    private static final String CALLER = "ns.caller";

    private final Ids ids;
    private final boolean testClock;

    public AccessCheck(Ids ids, boolean testClock) {
        this.ids = ids;
        this.testClock = testClock;
    }

    public void register(Javalin app) {
        app.beforeMatched(this::check);
    }

    private void check(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        Caller anonymous = anonymous(ctx);
        if (roles.contains(Role.ANYONE)) {
            ctx.attribute(CALLER, anonymous);
            return;
        }
        if (roles.contains(Role.TEST) && !testClock) {
            throw ApiException.notFound("no such resource: " + ctx.path());
        }
        if (!anonymous.local()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "staff only (until staff login exists: from this machine)");
        }
        ctx.attribute(CALLER, anonymous.asStaff());
    }

    private static Caller anonymous(Context ctx) {
        String device = ctx.cookie(DEVICE_COOKIE);
        Optional<String> key = device != null && device.matches("[A-Za-z0-9_-]{43}") ? Optional.of(device) : Optional.empty();
        // no device cookie, no credential to scope an idempotent answer to: Idempotency-Key is then not honoured
        return new Caller(Caller.Kind.ANONYMOUS, null, key.map(d -> "web:" + Ids.sha256(d)).orElse(""), key,
                isLoopback(ctx.req().getRemoteAddr()));
    }

    /** The caller resolved for this request. */
    public static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /**
     * The web customer key of this caller: its device cookie, or a new one set on the answer (HttpOnly, so page
     * scripts never see it).
     */
    public String deviceKey(Context ctx) {
        String existing = ctx.cookie(DEVICE_COOKIE);
        if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
            return existing;
        }
        String fresh = ids.token();
        Cookie cookie = new Cookie(DEVICE_COOKIE, fresh, "/", 400 * 24 * 3600, "https".equals(ctx.scheme()), 0, true,
                null, null, SameSite.LAX);
        ctx.cookie(cookie);
        return fresh;
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
