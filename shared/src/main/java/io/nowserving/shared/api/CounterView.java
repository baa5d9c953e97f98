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
}
