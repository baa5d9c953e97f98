package io.nowserving.shared.api;

import java.util.List;

/**
 * A branch's whole live state, read atomically with the {@code seq} of the last event it includes, so a feed
 * can continue from exactly there. {@code serverTime} is epoch milliseconds of Redis' clock; {@code timeZone} the
 * branch's zone id (e.g. {@code Asia/Taipei}), for clocks shown in the branch.
 */
public record BranchSnapshot(String id, String name, String epoch, long seq, long serverTime, boolean open,
                             List<ServiceStatus> services, List<CounterView> counters, List<RecentCall> recentCalls,
                             String timeZone) {

    /**
     * The snapshot as anyone may see it (customers, displays, kiosks): no staff identity, so every counter's
     * {@code clerk} is null. Staff of the branch get the snapshot as it is.
     */
    public BranchSnapshot publicView() {
        return new BranchSnapshot(id, name, epoch, seq, serverTime, open, services,
                counters == null ? null : counters.stream().map(CounterView::withoutClerk).toList(), recentCalls,
                timeZone);
    }

    /** One service's line. {@code capacityLeft} is null for a service without a daily capacity. */
    public record ServiceStatus(String id, String name, String prefix, int waiting, WaitEstimate estimatedWait,
                                Integer capacityLeft) {
    }

    /** A recent call, newest first. */
    public record RecentCall(String number, String counter, long calledAt) {
    }
}
