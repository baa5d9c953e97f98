package io.nowserving.backend.web;

import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.BranchSummary;
import io.nowserving.shared.api.CounterAction;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Heatmap;
import io.nowserving.shared.api.HistoryPage;
import io.nowserving.shared.api.HourlyStats;
import io.nowserving.shared.api.IssueTicketRequest;
import io.nowserving.shared.api.LoginAnswer;
import io.nowserving.shared.api.LoginRequest;
import io.nowserving.shared.api.PasswordChange;
import io.nowserving.shared.api.PresenceToken;
import io.nowserving.shared.api.ServiceSettings;
import io.nowserving.shared.api.StaffUser;
import io.nowserving.shared.api.StatsSummary;
import io.nowserving.shared.api.Ticket;
import io.nowserving.shared.api.TransferRequest;
import io.nowserving.shared.api.UserChange;
import io.nowserving.shared.api.VersionInfo;
import io.nowserving.shared.api.WaitingTicket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each route of the route table takes and answers, for the OpenAPI description ({@link ApiDocument}): the
 * request body, the success answer, and the error codes it may refuse with (besides those every route may give).
 * ApiDocumentTest fails when a registered route has no entry here, so a new route is documented when it is added.
 */
final class ApiContract {
    /** A body type, and whether it comes as a list. */
    record Body(Class<?> type, boolean list, String mediaType) {
        static Body of(Class<?> type) {
            return new Body(type, false, "application/json");
        }

        static Body listOf(Class<?> type) {
            return new Body(type, true, "application/json");
        }

        /** A JSON object whose fields the route's summary describes (status maps). */
        static Body object() {
            return new Body(Object.class, false, "application/json");
        }

        static Body text(String mediaType) {
            return new Body(String.class, false, mediaType);
        }
    }

    /** One operation: a summary, its body (or null), its success status and answer (or null), its refusals. */
    record Op(String summary, Body request, int status, Body answer, List<ErrorCode> errors) {
    }

    /** The body of {@code POST …/devices} (the answer carries the token, shown once). */
    record NewDevice(String name, String role) {
    }

    /** The answer of {@code POST …/stream-token}. */
    record StreamToken(String streamToken) {
    }

    private static final List<ErrorCode> COUNTER = List.of(ErrorCode.NOT_FOUND, ErrorCode.COUNTER_BUSY,
            ErrorCode.COUNTER_TAKEN, ErrorCode.COUNTER_CLOSED, ErrorCode.ALREADY_CALLED, ErrorCode.NOT_WAITING,
            ErrorCode.REOPEN_EXPIRED, ErrorCode.IDEMPOTENCY_KEY_REUSED);
    private static final List<ErrorCode> ADMIN_WRITE = List.of(ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND,
            ErrorCode.IDEMPOTENCY_KEY_REUSED);
    private static final List<ErrorCode> STATS = List.of(ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);

    static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        op("GET /healthz", "Liveness", null, 200, null);
        op("GET /readyz", "Readiness: Redis, SQL, configuration mirror, write-behind", null, 200, null);
        op("GET /metrics", "Prometheus metrics", null, 200, Body.text("text/plain"));
        op("GET /api/v1/version", "The build's version and API generation", null, 200, Body.of(VersionInfo.class));
        op("GET /api/v1/openapi.json", "This description (OpenAPI 3.1)", null, 200, Body.text("application/json"));
        op("POST /api/v1/auth/login", "Staff sign-in", Body.of(LoginRequest.class), 200, Body.of(LoginAnswer.class),
                ErrorCode.INVALID_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS);
        op("POST /api/v1/auth/logout", "Ends this session", null, 204, null);
        op("POST /api/v1/auth/password", "Changes one's own password; every session ends, the answer is a new one",
                Body.of(PasswordChange.class), 200, Body.of(LoginAnswer.class), ErrorCode.INVALID_CREDENTIALS);
        op("GET /api/v1/users", "Staff accounts", null, 200, Body.listOf(StaffUser.class));
        op("POST /api/v1/users/{u}", "Creates a staff account", Body.of(UserChange.class), 201,
                Body.of(StaffUser.class), ADMIN_WRITE);
        op("PATCH /api/v1/users/{u}", "Changes a staff account", Body.of(UserChange.class), 200,
                Body.of(StaffUser.class), ADMIN_WRITE);
        op("DELETE /api/v1/users/{u}", "Removes a staff account", null, 204, null, ADMIN_WRITE);
        op("GET /api/v1/branches", "Branches", null, 200, Body.listOf(BranchSummary.class));
        op("GET /api/v1/branches/{b}", "The branch's live state, read atomically with its seq", null, 200,
                Body.of(BranchSnapshot.class), ErrorCode.NOT_FOUND);
        op("PUT /api/v1/branches/{b}", "Creates or changes a branch", Body.of(BranchSettings.class), 200,
                Body.of(BranchConfiguration.class), ErrorCode.INVALID_REQUEST);
        op("DELETE /api/v1/branches/{b}", "Removes a branch nobody waits in", null, 204, null,
                ErrorCode.NOT_FOUND, ErrorCode.SERVICE_IN_USE, ErrorCode.COUNTER_BUSY);
        op("GET /api/v1/branches/{b}/config", "The branch's configuration", null, 200,
                Body.of(BranchConfiguration.class), ErrorCode.NOT_FOUND);
        op("PUT /api/v1/branches/{b}/services/{s}", "Creates or changes a service", Body.of(ServiceSettings.class),
                200, Body.of(BranchConfiguration.class), ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);
        op("DELETE /api/v1/branches/{b}/services/{s}", "Removes a service nobody waits for", null, 200,
                Body.of(BranchConfiguration.class), ErrorCode.NOT_FOUND, ErrorCode.SERVICE_IN_USE);
        op("PUT /api/v1/branches/{b}/counters/{c}", "Creates or changes a counter", Body.of(CounterSettings.class),
                200, Body.of(BranchConfiguration.class), ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);
        op("DELETE /api/v1/branches/{b}/counters/{c}", "Removes a counter that serves nobody", null, 200,
                Body.of(BranchConfiguration.class), ErrorCode.NOT_FOUND, ErrorCode.COUNTER_BUSY);
        op("GET /api/v1/branches/{b}/presence", "A presence token and the URL for the QR code (devices)", null, 200,
                Body.of(PresenceToken.class), ErrorCode.NOT_FOUND);
        op("GET /api/v1/branches/{b}/devices", "The branch's displays and kiosks", null, 200,
                Body.listOf(Device.class));
        op("POST /api/v1/branches/{b}/devices", "Registers a display or kiosk; the token is shown once",
                Body.of(NewDevice.class), 201, Body.of(Device.class), ADMIN_WRITE);
        op("DELETE /api/v1/branches/{b}/devices/{d}", "Revokes a device", null, 204, null, ADMIN_WRITE);
        op("GET /api/v1/branches/{b}/history", "Ticket history, keyset-paged by (issuedAt, id)", null, 200,
                Body.of(HistoryPage.class), STATS);
        op("GET /api/v1/branches/{b}/history.csv", "Ticket history as CSV, streamed", null, 200,
                Body.text("text/csv"), STATS);
        op("POST /api/v1/branches/{b}/tickets", "Takes a ticket (200: the one already held)",
                Body.of(IssueTicketRequest.class), 201, Body.of(Ticket.class), ErrorCode.INVALID_REQUEST,
                ErrorCode.NOT_FOUND, ErrorCode.CAPACITY_EXHAUSTED, ErrorCode.BRANCH_CLOSED, ErrorCode.SERVICE_CLOSED,
                ErrorCode.PRESENCE_REQUIRED, ErrorCode.RATE_LIMITED, ErrorCode.IDEMPOTENCY_KEY_REUSED);
        op("GET /api/v1/branches/{b}/tickets", "Waiting and called tickets (staff)", null, 200,
                Body.listOf(WaitingTicket.class), ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND);
        op("GET /api/v1/branches/{b}/tickets/{id}", "A ticket, to its holder (X-Ticket-Token) or staff", null, 200,
                Body.of(Ticket.class), ErrorCode.NOT_FOUND);
        op("DELETE /api/v1/branches/{b}/tickets/{id}", "Cancels a waiting ticket (X-Ticket-Token)", null, 204, null,
                ErrorCode.NOT_FOUND, ErrorCode.ALREADY_CALLED);
        op("POST /api/v1/branches/{b}/tickets/{id}/return", "A no-show back in line within the grace period",
                null, 200, Body.of(Ticket.class), ErrorCode.NOT_FOUND, ErrorCode.GRACE_EXPIRED,
                ErrorCode.NOT_WAITING);
        op("GET /api/v1/branches/{b}/events", "The branch feed (SSE; resume with Last-Event-ID)", null, 200,
                Body.text("text/event-stream"), ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED);
        op("POST /api/v1/branches/{b}/tickets/{id}/stream-token", "Opens the ticket feed for five minutes", null,
                200, Body.of(StreamToken.class), ErrorCode.NOT_FOUND);
        op("GET /api/v1/branches/{b}/tickets/{id}/events", "The ticket feed (SSE)", null, 200,
                Body.text("text/event-stream"), ErrorCode.NOT_FOUND, ErrorCode.RATE_LIMITED);
        for (String action : List.of("call-next", "call/{ticket}", "recall", "complete", "no-show", "reopen",
                "sign-in", "sign-out", "open", "pause", "close")) {
            op("POST /api/v1/branches/{b}/counters/{c}/" + action, "Counter action: " + action, null, 200,
                    Body.of(CounterAction.class), COUNTER);
        }
        op("POST /api/v1/branches/{b}/counters/{c}/transfer", "Counter action: transfer to another service",
                Body.of(TransferRequest.class), 200, Body.of(CounterAction.class), COUNTER);
        op("GET /api/v1/branches/{b}/stats/hourly", "One business day, hour by hour", null, 200,
                Body.of(HourlyStats.class), STATS);
        op("GET /api/v1/branches/{b}/stats/summary", "KPIs over whole business days", null, 200,
                Body.of(StatsSummary.class), STATS);
        op("GET /api/v1/branches/{b}/stats/heatmap", "Tickets issued by weekday and hour", null, 200,
                Body.of(Heatmap.class), STATS);
        op("GET /b/{b}", "The phone's take-a-ticket page (the presence token in the fragment)", null, 200,
                Body.text("text/html"), ErrorCode.NOT_FOUND);
        op("GET /t/{b}/{id}", "The phone's ticket page (the ticket token in the fragment)", null, 200,
                Body.text("text/html"), ErrorCode.NOT_FOUND);
        op("GET /sw.js", "The phone pages' service worker (shows the ticket page's notifications; caches nothing)",
                null, 200, Body.text("text/javascript"));
        op("POST /line/webhook", "LINE's webhook (X-Line-Signature over the raw body); off without a channel", null,
                200, Body.object(), ErrorCode.UNAUTHORIZED, ErrorCode.NOT_FOUND);
        op("GET /api/v1/notifications", "Notification outbox: length, rate, failures, paused", null, 200,
                Body.object());
        op("GET /api/v1/notifications/dead-letters", "Messages that failed every try", null, 200,
                Body.object());
        op("POST /api/v1/notifications/dead-letters/{id}/replay", "Sends a dead letter again (same retry key)",
                null, 200, Body.object(), ErrorCode.NOT_FOUND);
        op("POST /api/v1/notifications/pause", "Pauses sending (messages keep queueing)", null, 200, Body.object());
        op("POST /api/v1/notifications/resume", "Resumes sending", null, 200, Body.object());
        op("PUT /api/v1/test/branches/{b}/clock", "Moves a branch's clock (tests only)", null, 204, null,
                ErrorCode.INVALID_REQUEST);
    }

    private ApiContract() {
    }

    private static void op(String key, String summary, Body request, int status, Body answer, ErrorCode... errors) {
        op(key, summary, request, status, answer, List.of(errors));
    }

    private static void op(String key, String summary, Body request, int status, Body answer, List<ErrorCode> errors) {
        OPS.put(key, new Op(summary, request, status, answer, errors));
    }
}
