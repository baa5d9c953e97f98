package io.nowserving.backend.analytics;

import io.javalin.http.Context;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of a history request: business days (both {@code from} and {@code to}, or neither for all),
 * status, service and counter; each refused with a 400 naming it when malformed.
 */
record TicketHistoryFilter(Optional<DayRange> days, Optional<String> status, Optional<String> service,
                           Optional<String> counter) {

    static final Set<String> STATUSES = Set.of("waiting", "called", "completed", "no_show", "cancelled", "reset");

    static TicketHistoryFilter of(Context ctx, BranchConfig branch) {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        Optional<DayRange> days = Optional.empty();
        if (from != null || to != null) {
            days = Optional.of(DayRange.parse(from, to, branch));
        }
        Optional<String> status = Optional.ofNullable(ctx.queryParam("status"));
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw Refusal.invalid("status must be one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)));
        }
        return new TicketHistoryFilter(days, status, configId(ctx, "service"), configId(ctx, "counter"));
    }

    private static Optional<String> configId(Context ctx, String name) {
        Optional<String> v = Optional.ofNullable(ctx.queryParam(name));
        if (v.isPresent() && !Ids.isConfigId(v.get())) {
            throw Refusal.invalid(name + " must be an id of 1-32 of a-z, 0-9 and '-'");
        }
        return v;
    }
}
