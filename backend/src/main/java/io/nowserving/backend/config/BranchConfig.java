package io.nowserving.backend.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole configuration of one branch, as kept in SQL and mirrored into Redis.
 *
 * @param businessDayStart local time at which the business day (numbering, daily counts) begins; whole minutes
 * @param closedDays local dates on which the branch does not issue tickets; kept sorted, without repeats
 * @param version grows with every save; {@link ConfigRepository#save} sets it, whatever a caller passes
 *     in only works as a floor
 * @param services in display order; ids and prefixes unique within the branch
 * @param counters in display order; ids unique, each serving only services of this branch
 */
public record BranchConfig(String id, String name, ZoneId timeZone, LocalTime businessDayStart,
        OpeningHours openingHours, List<LocalDate> closedDays, boolean remoteQueueing, long version,
        List<ServiceConfig> services, List<CounterConfig> counters) {

    public BranchConfig {
        Rules.id("id", id);
        Rules.name("name", name);
        Rules.required("timeZone", timeZone);
        Rules.required("businessDayStart", businessDayStart);
        if (businessDayStart.getSecond() != 0 || businessDayStart.getNano() != 0) {
            throw new ConfigValidationException("businessDayStart", "must be a whole minute, was " + businessDayStart);
        }
        Rules.required("openingHours", openingHours);
        closedDays = List.copyOf(new TreeSet<>(Rules.list("closedDays", closedDays)));
        if (version < 0) {
            throw new ConfigValidationException("version", "must not be negative, was " + version);
        }
        services = Rules.list("services", services);
        counters = Rules.list("counters", counters);
        checkServices(services);
        checkCounters(services, counters);
    }

    /** This configuration with another version (what the repository hands back after saving). */
    public BranchConfig withVersion(long newVersion) {
        return new BranchConfig(id, name, timeZone, businessDayStart, openingHours, closedDays, remoteQueueing,
                newVersion, services, counters);
    }

    public Optional<ServiceConfig> service(String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
    }

    public Optional<CounterConfig> counter(String counterId) {
        return counters.stream().filter(c -> c.id().equals(counterId)).findFirst();
    }

    private static void checkServices(List<ServiceConfig> services) {
        Set<String> ids = new HashSet<>();
        Map<String, String> prefixes = new HashMap<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig s = services.get(i);
            if (!ids.add(s.id())) {
                throw new ConfigValidationException("services[" + i + "].id", "repeats service id '" + s.id() + "'");
            }
            String other = prefixes.put(s.prefix(), s.id());
            if (other != null) {
                throw new ConfigValidationException("services[" + i + "].prefix",
                        "'" + s.prefix() + "' is already the prefix of service '" + other + "'");
            }
        }
    }

    private static void checkCounters(List<ServiceConfig> services, List<CounterConfig> counters) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < counters.size(); i++) {
            CounterConfig c = counters.get(i);
            if (!ids.add(c.id())) {
                throw new ConfigValidationException("counters[" + i + "].id", "repeats counter id '" + c.id() + "'");
            }
            for (int j = 0; j < c.services().size(); j++) {
                String serviceId = c.services().get(j);
                if (services.stream().noneMatch(s -> s.id().equals(serviceId))) {
                    throw new ConfigValidationException("counters[" + i + "].services[" + j + "]",
                            "names service '" + serviceId + "', which this branch does not have");
                }
            }
        }
    }
}
