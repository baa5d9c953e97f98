package io.nowserving.backend.auth;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.LoginAnswer;
import java.nio.file.Path;
import java.util.Optional;

/** Sign-in, sign-out and changing one's own password. */
final class AuthService {
    private final UserRepository users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final FirstOwner firstOwner;

    AuthService(UserRepository users, Passwords passwords, Sessions sessions, LoginThrottle throttle,
                FirstOwner firstOwner) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
        this.firstOwner = firstOwner;
    }

    LoginAnswer login(String username, String password, String address) {
        if (username == null || username.isEmpty() || username.length() > 64) {
            throw Refusal.invalid("field 'username' is required (at most 64 characters)");
        }
        if (password == null || password.length() > Passwords.MAX_LENGTH) {
            throw Refusal.invalid("field 'password' is required (at most " + Passwords.MAX_LENGTH + " characters)");
        }
        throttle.attempt(username, address);
        User user = users.findByUsername(username).orElse(null);
        boolean matches = passwords.verify(password, user == null ? null : user.passwordHash());
        if (!matches || user.disabled()) {
            throw new Refusal(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
        }
        throttle.succeeded(username, address);
        Sessions.Created s = sessions.create(user);
        // an owner's change racing this sign-in (disable, delete, role, branches, password) revokes the sessions it
        // sees; a session made after that revocation from the account as it was before must not survive it
        if (!users.findById(user.id()).equals(Optional.of(user))) {
            sessions.revoke(user.id(), Ids.sha256(s.token()));
            throw new Refusal(ErrorCode.INVALID_CREDENTIALS, "the account changed while signing in; sign in again");
        }
        return new LoginAnswer(s.token(), user.role().actor(), s.expiresAt(), user.mustChangePassword());
    }

    void logout(Caller caller) {
        sessions.revoke(caller.id(), caller.sessionHash());
    }

    /** Changes the caller's password, ends all their sessions and answers a new one. */
    LoginAnswer changePassword(Caller caller, String current, String next) {
        if (current == null) {
            throw Refusal.invalid("field 'currentPassword' is required");
        }
        Passwords.checkPolicy(next, "newPassword");
        User user = users.findById(caller.id()).orElseThrow(() -> new Refusal(ErrorCode.UNAUTHORIZED,
                "the account no longer exists"));
        if (!passwords.verify(current, user.passwordHash())) {
            throw new Refusal(ErrorCode.INVALID_CREDENTIALS, "the current password is wrong");
        }
        if (current.equals(next)) {
            throw Refusal.invalid("the new password must differ from the current one");
        }
        User changed = user.withPassword(passwords.hash(next), false);
        users.update(changed);
        sessions.revokeAll(user.id());
        firstOwner.passwordChanged(user.username());
        return answer(changed);
    }

    private LoginAnswer answer(User user) {
        Sessions.Created s = sessions.create(user);
        return new LoginAnswer(s.token(), user.role().actor(), s.expiresAt(), user.mustChangePassword());
    }

    /** Where a generated first password is kept. */
    static Path generatedPasswordFile(Path dataDir) {
        return dataDir.resolve("admin-password.txt");
    }
}
