package io.nowserving.backend.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A counter and the ids of the services it calls from, in the order given (its branch checks they exist). */
public record CounterConfig(String id, String name, List<String> services) {

    public CounterConfig {
        Rules.id("id", id);
        Rules.name("name", name);
        services = Rules.list("services", services);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            String field = "services[" + i + "]";
            Rules.id(field, services.get(i));
            if (!seen.add(services.get(i))) {
                throw new ConfigValidationException(field, "repeats service '" + services.get(i) + "'");
            }
        }
    }
}
