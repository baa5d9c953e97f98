package io.nowserving.backend.web;

import io.javalin.security.RouteRole;

/** Who a route is for; {@link AccessCheck} decides every request by the route's roles. */
public enum Role implements RouteRole {
    /** Anyone, anonymous included. */
    ANYONE,
    /** Staff: clerks, admins, owners (until staff login exists: callers on the loopback interface). */
    STAFF,
    /** Only when the backend runs with NOWSERVING_TEST_CLOCK, and only for staff. */
    TEST
}
