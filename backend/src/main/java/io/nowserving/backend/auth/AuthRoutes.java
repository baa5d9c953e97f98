package io.nowserving.backend.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.nowserving.backend.web.AccessCheck;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.backend.web.Replays;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.api.LoginRequest;
import io.nowserving.shared.api.PasswordChange;
import io.nowserving.shared.api.PresenceToken;
import java.util.Map;
import java.util.Optional;

/** HTTP in and out for sign-in, sign-out, one's own password, users (owners) and devices (admins). */
public final class AuthRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuthService auth;
    private final UserService users;
    private final Devices devices;
    private final Presence presence;
    private final JsonBodies bodies;
    private final Optional<String> publicUrl;
    private final java.util.function.Predicate<String> branchExists;

    AuthRoutes(AuthService auth, UserService users, Devices devices, Presence presence, JsonBodies bodies,
               Optional<String> publicUrl, java.util.function.Predicate<String> branchExists) {
        this.branchExists = branchExists;
        this.auth = auth;
        this.users = users;
        this.devices = devices;
        this.presence = presence;
        this.bodies = bodies;
        this.publicUrl = publicUrl;
    }

    public void login(Context ctx) {
        LoginRequest body = bodies.read(ctx, LoginRequest.class);
        LoginAnswer answer = auth.login(body.username(), body.password(), AccessCheck.clientAddress(ctx));
        ctx.json(answer);
    }

    public void logout(Context ctx) {
        auth.logout(AccessCheck.caller(ctx));
        ctx.status(204);
    }

    public void changePassword(Context ctx) {
        PasswordChange body = bodies.read(ctx, PasswordChange.class);
        ctx.json(auth.changePassword(AccessCheck.caller(ctx), body.currentPassword(), body.newPassword()));
    }

    public void listUsers(Context ctx) {
        ctx.json(users.list());
    }

    public void createUser(Context ctx) {
        ctx.status(201).json(users.create(ctx.pathParam("u"), bodies.read(ctx, UserService.UserBody.class)));
    }

    public void updateUser(Context ctx) {
        ctx.json(users.update(ctx.pathParam("u"), bodies.read(ctx, UserService.UserBody.class)));
    }

    public void deleteUser(Context ctx) {
        users.delete(ctx.pathParam("u"));
        ctx.status(204);
    }

    /** The body of {@code POST …/devices}. */
    record DeviceBody(String name, String role) {
    }

    public void listDevices(Context ctx) {
        ctx.json(devices.list(branch(ctx)));
    }

    public void createDevice(Context ctx) {
        String b = branch(ctx);
        if (!branchExists.test(b)) {
            throw Refusal.notFound("unknown branch " + b);
        }
        DeviceBody body = bodies.read(ctx, DeviceBody.class);
        if (body.name() == null || body.name().isBlank() || body.name().length() > 80) {
            throw Refusal.invalid("field 'name' is required (1-80 characters)");
        }
        io.nowserving.backend.web.Caller.Kind role = switch (String.valueOf(body.role())) {
            case "display" -> io.nowserving.backend.web.Caller.Kind.DISPLAY;
            case "kiosk" -> io.nowserving.backend.web.Caller.Kind.KIOSK;
            default -> throw Refusal.invalid("field 'role' must be display or kiosk");
        };
        ctx.status(201).json(devices.create(b, body.name().strip(), role));
    }

    /**
     * A device's token is shown once and only its hash is kept, so a retried creation (same Idempotency-Key) is
     * answered with the same device and a fresh token, as a retried ticket is.
     */
    public Replays.Secret deviceToken() {
        return new Replays.Secret() {
            @Override
            public String strip(String body) {
                return json(Map.of("id", readCreated(body).id()));
            }

            @Override
            public String restore(Context ctx, String kept) {
                String id = readCreated(kept).id();
                String token = devices.rotate(branch(ctx), id)
                        .orElseThrow(() -> Refusal.notFound("the device made by this request was revoked"));
                return json(new Devices.Created(id, token));
            }
        };
    }

    private static Devices.Created readCreated(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return new Devices.Created(node.path("id").asText(), node.path("token").asText(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept device answer is not JSON", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteDevice(Context ctx) {
        String id = ctx.pathParam("d");
        if (!io.nowserving.backend.ids.Ids.isUlid(id) || !devices.revoke(branch(ctx), id)) {
            throw Refusal.notFound("no such device");
        }
        ctx.status(204);
    }

    public void presence(Context ctx) {
        String b = branch(ctx);
        Presence.Token t = presence.sign(b);
        String base = publicUrl.orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        // in the fragment: phones never send it in a request line, so no access log can hold it
        ctx.json(new PresenceToken(t.token(), t.expiresAt(), base + "/b/" + b + "#p=" + t.token()));
    }

    private static String branch(Context ctx) {
        String b = ctx.pathParam("b");
        if (!io.nowserving.backend.ids.Ids.isConfigId(b)) {
            throw Refusal.invalid("branch id must be 1-32 of a-z, 0-9 and '-'");
        }
        return b;
    }
}
