package io.nowserving.desktop.kiosk;

import io.nowserving.shared.api.BranchSnapshot;
import io.nowserving.shared.api.WaitEstimate;
import java.util.List;
import java.util.Set;

/**
 * One service on the kiosk's first screen: a button to take a ticket, or, with a {@code reason}, why there is none.
 *
 * @param estimate the wait as a range; null when the backend gave none
 */
public record ServiceChoice(String id, String name, String prefix, int waiting, WaitEstimate estimate,
                            Reason reason) {

    /** Why a service takes no ticket now. */
    public enum Reason {
        /** The service takes no tickets (the backend refused with {@code service_closed}). */
        CLOSED,
        /** Its daily capacity is used up. */
        FULL,
        /** The branch is outside its opening hours. */
        BRANCH_CLOSED
    }

    public boolean available() {
        return reason == null;
    }

    /** The choices for a snapshot; {@code closed} are services the backend said take no tickets. */
    static List<ServiceChoice> of(BranchSnapshot s, Set<String> closed) {
        return s.services().stream().map(x -> new ServiceChoice(x.id(), x.name(), x.prefix(), x.waiting(),
                x.estimatedWait(), reason(s, x, closed))).toList();
    }

    private static Reason reason(BranchSnapshot s, BranchSnapshot.ServiceStatus x, Set<String> closed) {
        if (!s.open()) {
            return Reason.BRANCH_CLOSED;
        }
        if (closed.contains(x.id())) {
            return Reason.CLOSED;
        }
        if (x.capacityLeft() != null && x.capacityLeft() == 0) {
            return Reason.FULL;
        }
        return null;
    }
}
