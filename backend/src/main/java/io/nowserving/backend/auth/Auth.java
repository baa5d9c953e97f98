package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.web.CredentialResolver;
import io.nowserving.backend.web.JsonBodies;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Staff auth and abuse protection, wired: users and passwords (SQL), sessions, devices, presence tokens, login
 * throttling and web-ticket rate limits (Redis). Start-up makes the first owner when there are no users and
 * mirrors the devices into Redis.
 */
public final class Auth {
    private final CredentialResolver credentials;
    private final RateLimits rateLimits;
    private final Presence presence;
    private final AuthRoutes routes;
    private final Devices devices;

    private Auth(CredentialResolver credentials, RateLimits rateLimits, Presence presence, AuthRoutes routes,
                 Devices devices) {
        this.devices = devices;
        this.credentials = credentials;
        this.rateLimits = rateLimits;
        this.presence = presence;
        this.routes = routes;
    }

    /**
     * What staff auth needs of the backend's settings (the composition root hands it over, so this feature never
     * imports the root's {@code Settings}).
     */
    public record Options(int passwordCost, java.nio.file.Path dataDir, java.util.Optional<String> adminPassword,
                          int sessionTtlMinutes, int presenceTtlSeconds, int rateLimitPerMinute,
                          java.util.Optional<String> publicUrl) {
    }

    public static Auth start(Options settings, DataSource db, RedisCommands<String, String> redis, RedisKeys keys,
                             Ids ids, Clock clock, JsonBodies bodies, Predicate<String> branchExists) {
        UserRepository users = new UserRepository(db);
        Passwords passwords = new Passwords(settings.passwordCost());
        FirstOwner firstOwner = new FirstOwner(settings.dataDir());
        firstOwner.ensure(users, passwords, ids, clock, settings.adminPassword());
        Sessions sessions = new Sessions(redis, keys, ids, clock, Duration.ofMinutes(settings.sessionTtlMinutes()));
        Devices devices = new Devices(db, redis, keys, ids, clock);
        devices.mirrorAll(branchExists);
        AddressHashes addresses = new AddressHashes(redis, keys, ids);
        LoginThrottle throttle = new LoginThrottle(redis, keys, addresses, clock, LoginThrottle.Limits.DEFAULT);
        Presence presence = new Presence(redis, keys, ids, clock, Duration.ofSeconds(settings.presenceTtlSeconds()));
        AuthService auth = new AuthService(users, passwords, sessions, throttle, firstOwner);
        UserService userService = new UserService(users, passwords, sessions, ids, clock, branchExists);
        return new Auth(new Credentials(sessions, devices),
                new RateLimits(redis, keys, addresses, clock, settings.rateLimitPerMinute()), presence,
                new AuthRoutes(auth, userService, devices, presence, bodies, settings.publicUrl(), branchExists),
                devices);
    }

    public CredentialResolver credentials() {
        return credentials;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public Presence presence() {
        return presence;
    }

    /** A removed branch's devices stop working at once, and do not come back if the id is used again. */
    public void branchRemoved(String branch) {
        devices.revokeAll(branch);
    }

    public AuthRoutes routes() {
        return routes;
    }
}
