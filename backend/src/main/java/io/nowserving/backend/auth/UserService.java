package io.nowserving.backend.auth;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.Caller;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Staff accounts, for owners: create, change (password, role, branches, disabled), delete. Any change ends the
 * user's sessions at once, since sessions carry role and branches. The last active owner cannot be removed.
 */
final class UserService {
    private static final String USERNAME = "[a-z0-9][a-z0-9._-]{0,63}";

    /**
     * The body of the user routes; all optional on PATCH. {@code mustChangePassword} (default true whenever a
     * password is set by an owner) makes the account change that password at its first sign-in.
     */
    record UserBody(String username, String password, String role, List<String> branches, Boolean disabled,
                    Boolean mustChangePassword) {
        @Override
        public String toString() {
            return "UserBody[" + username + "]";
        }
    }

    private final UserRepository users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Ids ids;
    private final Clock clock;
    private final Predicate<String> branchExists;

    UserService(UserRepository users, Passwords passwords, Sessions sessions, Ids ids, Clock clock,
                Predicate<String> branchExists) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
        this.branchExists = branchExists;
    }

    List<User.UserView> list() {
        return users.list().stream().map(User::view).toList();
    }

    User.UserView create(String username, UserBody body) {
        if (!username.matches(USERNAME)) {
            throw Refusal.invalid("username must be 1-64 of a-z, 0-9, '.', '_' and '-'");
        }
        if (body.username() != null && !body.username().equals(username)) {
            throw Refusal.invalid("field 'username' must match the path");
        }
        Passwords.checkPolicy(body.password(), "password");
        Caller.Kind role = role(body.role());
        boolean mustChange = !Boolean.FALSE.equals(body.mustChangePassword());
        User user = new User(ids.ulid(), username, null, role, branches(role, body.branches()),
                Boolean.TRUE.equals(body.disabled()), mustChange);
        user = user.withPassword(passwords.hash(body.password()), mustChange);
        if (!users.insert(user, clock.instant())) {
            throw Refusal.invalid("user " + username + " exists already");
        }
        return user.view();
    }

    User.UserView update(String username, UserBody body) {
        User u = find(username);
        if (body.username() != null && !body.username().equals(username)) {
            throw Refusal.invalid("a username cannot change");
        }
        Caller.Kind role = body.role() == null ? u.role() : role(body.role());
        Set<String> branches = body.branches() == null && body.role() == null ? u.branches()
                : branches(role, body.branches() == null ? List.copyOf(u.branches()) : body.branches());
        boolean disabled = body.disabled() == null ? u.disabled() : body.disabled();
        String hash = u.passwordHash();
        boolean mustChange = u.mustChangePassword();
        if (body.password() != null) {
            Passwords.checkPolicy(body.password(), "password");
            hash = passwords.hash(body.password());
            mustChange = true; // a password an owner set is a temporary one
        }
        if (body.mustChangePassword() != null) {
            mustChange = body.mustChangePassword();
        }
        if (u.role() == Caller.Kind.OWNER && !u.disabled() && (role != Caller.Kind.OWNER || disabled)) {
            requireAnotherOwner(u);
        }
        User changed = new User(u.id(), u.username(), hash, role, branches, disabled, mustChange);
        users.update(changed);
        sessions.revokeAll(u.id());
        return changed.view();
    }

    void delete(String username) {
        User u = find(username);
        if (u.role() == Caller.Kind.OWNER && !u.disabled()) {
            requireAnotherOwner(u);
        }
        sessions.revokeAll(u.id());
        users.delete(u.id());
        sessions.revokeAll(u.id()); // a sign-in racing the delete
    }

    private User find(String username) {
        return users.findByUsername(username).orElseThrow(() -> Refusal.notFound("no such user " + username));
    }

    private void requireAnotherOwner(User u) {
        boolean another = users.list().stream()
                .anyMatch(o -> o.role() == Caller.Kind.OWNER && !o.disabled() && !o.id().equals(u.id()));
        if (!another) {
            throw Refusal.invalid("the last active owner cannot be removed, disabled or demoted");
        }
    }

    private static Caller.Kind role(String role) {
        if (role == null) {
            throw Refusal.invalid("field 'role' is required: owner, admin or clerk");
        }
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "owner" -> Caller.Kind.OWNER;
            case "admin" -> Caller.Kind.ADMIN;
            case "clerk" -> Caller.Kind.CLERK;
            default -> throw Refusal.invalid("field 'role' must be owner, admin or clerk");
        };
    }

    private Set<String> branches(Caller.Kind role, List<String> given) {
        if (role == Caller.Kind.OWNER) {
            if (given != null && !given.isEmpty()) {
                throw Refusal.invalid("owners have every branch: leave 'branches' out");
            }
            return Set.of();
        }
        if (given == null || given.isEmpty()) {
            throw Refusal.invalid("field 'branches' must name at least one branch for admins and clerks");
        }
        Set<String> out = new HashSet<>();
        for (String b : given) {
            if (b == null || !Ids.isConfigId(b) || !branchExists.test(b)) {
                throw Refusal.invalid("field 'branches' names an unknown branch");
            }
            out.add(b);
        }
        return out;
    }
}
