package io.nowserving.backend.web;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the one access check resolved it from the request's credential. {@code id} is the user or
 * device id (empty for customers); {@code scope} keys idempotency answers to the credential; {@code deviceKey}
 * is the raw web device cookie (hashed before it goes anywhere); {@code branches} are the branches of an admin,
 * clerk or device (owners have all); {@code sessionHash} is the SHA-256 of a staff session token, for logout.
 */
public record Caller(Kind kind, String id, String scope, Optional<String> deviceKey, Set<String> branches,
                     boolean mustChangePassword, String sessionHash) {

    /** The kinds of caller; {@link #actor} is the event's {@code actor.kind}. */
    public enum Kind {
        ANONYMOUS("customer"), CLERK("clerk"), ADMIN("admin"), OWNER("owner"), DISPLAY("display"), KIOSK("kiosk"),
        /** A LINE user, as the signed LINE webhook vouches for; no id in events (the LINE id is contact data). */
        LINE("line");

        private final String actor;

        Kind(String actor) {
            this.actor = actor;
        }

        public String actor() {
            return actor;
        }
    }

    public Caller {
        branches = Set.copyOf(branches);
    }

    /** A customer: no credential but, maybe, the web device cookie. */
    public static Caller anonymous(Optional<String> deviceKey) {
        return new Caller(Kind.ANONYMOUS, "", deviceKey.map(d -> "web:" + io.nowserving.backend.ids.Ids.sha256(d))
                .orElse(""), deviceKey, Set.of(), false, "");
    }

    /**
     * A LINE user whose message came through the signed webhook. No id and no idempotency scope: the webhook's
     * event ids make a redelivery harmless, and the LINE user id never leaves the {@code line} package.
     */
    public static Caller line() {
        return new Caller(Kind.LINE, "", "", Optional.empty(), Set.of(), false, "");
    }

    /** A signed-in staff member of kind CLERK, ADMIN or OWNER. */
    public static Caller staff(Kind kind, String userId, Set<String> branches, boolean mustChangePassword,
                               String sessionHash) {
        return new Caller(kind, userId, "user:" + userId, Optional.empty(), branches, mustChangePassword,
                sessionHash);
    }

    /** A display or kiosk device of one branch. */
    public static Caller device(Kind kind, String deviceId, String branch) {
        return new Caller(kind, deviceId, "device:" + deviceId, Optional.empty(), Set.of(branch), false, "");
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** A clerk, admin or owner. */
    public boolean isStaff() {
        return kind == Kind.CLERK || kind == Kind.ADMIN || kind == Kind.OWNER;
    }

    public boolean isOwner() {
        return kind == Kind.OWNER;
    }

    /** Counters and tickets of the branch: its clerks and admins, and owners. */
    public boolean mayServe(String branch) {
        return isOwner() || isStaff() && branches.contains(branch);
    }

    /**
     * Configuration, devices, analytics and the whole event envelope of the branch: its admins, and owners.
     * The live feed decides its full envelope with this.
     */
    public boolean mayAdminister(String branch) {
        return isOwner() || kind == Kind.ADMIN && branches.contains(branch);
    }

    /** A device of this kind (DISPLAY or KIOSK) registered to the branch. */
    public boolean isDevice(Kind deviceKind, String branch) {
        return kind == deviceKind && branches.contains(branch);
    }

    /** The event actor kind: customer, clerk, admin, owner or kiosk. */
    public String actorKind() {
        return kind.actor();
    }

    /** The event actor id: the user or device id; empty for customers. */
    public String actorId() {
        return id;
    }

    /** This customer, identified by a (new) web device cookie. */
    public Caller withDeviceKey(String key) {
        return new Caller(kind, id, "web:" + io.nowserving.backend.ids.Ids.sha256(key), Optional.of(key), branches,
                mustChangePassword, sessionHash);
    }

    /** The same caller with idempotency answers kept under another scope. */
    public Caller withScope(String newScope) {
        return new Caller(kind, id, newScope, deviceKey, branches, mustChangePassword, sessionHash);
    }

    /** No credential, cookie or hash in logs, even by accident. */
    @Override
    public String toString() {
        return "Caller[" + kind + (id.isEmpty() ? "" : " " + id) + "]";
    }
}
