package io.nowserving.shared.api;

import java.util.List;

/**
 * A counter's live state: {@code state} open, paused or closed; {@code serving} the called ticket's number;
 * {@code services} the ids of the services it calls from, in the configured order.
 */
public record CounterView(String id, String name, String state, String serving, String clerk, List<String> services) {
    public CounterView {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** The counter as anyone may see it: no staff identity ({@code clerk} null). */
    public CounterView withoutClerk() {
        return clerk == null ? this : new CounterView(id, name, state, serving, null, services);
    }
}
