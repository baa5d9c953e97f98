package io.nowserving.backend.auth;

import io.nowserving.backend.web.Caller;
import java.util.Set;

/**
 * A staff member as stored: role CLERK, ADMIN or OWNER, the branches of clerks and admins (owners: all, kept
 * empty), the Argon2id hash of the password (never returned or logged).
 */
record User(String id, String username, String passwordHash, Caller.Kind role, Set<String> branches,
            boolean disabled, boolean mustChangePassword) {

    User {
        branches = role == Caller.Kind.OWNER ? Set.of() : Set.copyOf(branches);
    }

    User withPassword(String hash, boolean mustChange) {
        return new User(id, username, hash, role, branches, disabled, mustChange);
    }

    /** The view the users API answers: no hash. */
    UserView view() {
        return new UserView(id, username, role.actor(), branches.stream().sorted().toList(), disabled,
                mustChangePassword);
    }

    /** What {@code GET /api/v1/users} and the user routes answer. */
    record UserView(String id, String username, String role, java.util.List<String> branches, boolean disabled,
                    boolean mustChangePassword) {
    }

    /** No hash in logs, even by accident. */
    @Override
    public String toString() {
        return "User[" + id + " " + role + "]";
    }
}
