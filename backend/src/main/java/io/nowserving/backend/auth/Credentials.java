package io.nowserving.backend.auth;

import io.nowserving.backend.web.Caller;
import io.nowserving.backend.web.CredentialResolver;
import java.util.Optional;

/** Bearer tokens: a staff session, else a device; both looked up in Redis by the token's SHA-256. */
final class Credentials implements CredentialResolver {
    private final Sessions sessions;
    private final Devices devices;

    Credentials(Sessions sessions, Devices devices) {
        this.sessions = sessions;
        this.devices = devices;
    }

    @Override
    public Optional<Caller> resolve(String token) {
        if (!token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Optional<Caller> staff = sessions.resolve(token);
        return staff.isPresent() ? staff : devices.resolve(token);
    }
}
