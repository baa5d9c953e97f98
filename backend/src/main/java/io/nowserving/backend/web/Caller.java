package io.nowserving.backend.web;

import java.util.Optional;

/**
 * Who is calling, as the one access check resolved it. {@code scope} keys idempotency answers to the credential;
 * {@code deviceKey} is the raw web device cookie (hashed before it goes anywhere); {@code local} says the
 * request came over the loopback interface, which until staff login exists is what makes a caller staff.
 */
public record Caller(Kind kind, String id, String scope, Optional<String> deviceKey, boolean local) {

    public enum Kind {
        ANONYMOUS, STAFF
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    /** The event actor kind: staff act as clerks until roles exist (staff-login issue). */
    public String actorKind() {
        return isStaff() ? "clerk" : "customer";
    }

    /** The event actor id: empty for customers. */
    public String actorId() {
        return isStaff() ? id : "";
    }

    /** The same request, acting as staff (a privileged field asked for by a local caller). */
    public Caller asStaff() {
        return new Caller(Kind.STAFF, "local", "staff:local", Optional.empty(), true);
    }
}
