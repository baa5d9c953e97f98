package io.nowserving.backend.web;

import io.javalin.security.RouteRole;

/**
 * Who a route is for; {@link AccessCheck} admits a request when any of the route's roles admits its caller.
 * Branch roles are decided for the route's {@code {b}} path parameter.
 */
public enum Role implements RouteRole {
    /** Anyone, anonymous included (handlers may still refuse by credential, e.g. a display issuing a ticket). */
    ANYONE,
    /**
     * Any signed-in staff member, also one who must still change a generated password (logout, password). Named
     * apart from the old loopback-only {@code STAFF} on purpose: code written against that role must choose CLERK,
     * ADMIN or OWNER instead of compiling into "any clerk of any branch".
     */
    SIGNED_IN,
    /** Clerks, admins and owners allowed on the branch: counters and tickets. */
    CLERK,
    /** Admins of the branch and owners: configuration, devices, analytics. */
    ADMIN,
    /** Owners: branches and users. */
    OWNER,
    /** The branch's display devices. */
    DISPLAY,
    /** The branch's kiosk devices. */
    KIOSK,
    /** Only when the backend runs with NOWSERVING_TEST_CLOCK, and then for the branch's staff. */
    TEST,
    /** Operators holding NOWSERVING_METRICS_TOKEN; the route does not exist without one. */
    METRICS
}
