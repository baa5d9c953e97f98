package io.nowserving.shared.api;

import java.util.List;

/** The body of {@code PUT …/counters/{c}}: its name and the ids of the services it serves. */
public record CounterSettings(String name, List<String> services) {
}
