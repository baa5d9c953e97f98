package io.nowserving.desktop.admin.config;

import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.ServiceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The forms' contents as typed, and their checked conversion to the API's bodies ({@link InvalidField} if not). */
final class Drafts {
    /** The API's day keys, Monday first. */
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private Drafts() {
    }

    /** A service form: capacity empty for no limit, the two times in minutes. */
    record Service(String id, String name, String prefix, String capacity, String targetWaitMinutes,
                   String graceMinutes, String notifyAhead) {
        ServiceSettings settings() {
            return new ServiceSettings(ConfigRules.name("name", name), ConfigRules.prefix(prefix),
                    ConfigRules.capacity(capacity), ConfigRules.minutesToSeconds("targetWaitSeconds",
                    targetWaitMinutes), ConfigRules.minutesToSeconds("noShowGraceSeconds", graceMinutes),
                    ConfigRules.notifyAhead(notifyAhead));
        }

        static Service of(BranchConfiguration.Service s) {
            return new Service(s.id(), s.name(), s.prefix(), s.dailyCapacity() == null ? ""
                    : s.dailyCapacity().toString(), minutes(s.targetWaitSeconds()), minutes(s.noShowGraceSeconds()),
                    s.notifyAhead() == null ? "" : s.notifyAhead().toString());
        }

        private static String minutes(int seconds) {
            return seconds % 60 == 0 ? Integer.toString(seconds / 60)
                    : java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(60), 2,
                    java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
    }

    /** A counter form: the ids of the services it serves, in the branch's order. */
    record Counter(String id, String name, List<String> services) {
        CounterSettings settings() {
            return new CounterSettings(ConfigRules.name("name", name), List.copyOf(services));
        }
    }

    /** The branch's own settings an owner changes here; name, time zone and day start are kept as they are. */
    record Branch(Map<String, String> hours, List<String> closedDays, boolean remoteQueueing) {
        BranchSettings settings(BranchConfiguration current) {
            Map<String, List<List<String>>> opening = new LinkedHashMap<>();
            for (String day : DAYS) {
                opening.put(day, HoursText.parse(day, hours.get(day)));
            }
            return new BranchSettings(current.name(), current.timeZone(), current.businessDayStart(), opening,
                    closedDays.stream().sorted().distinct().toList(), remoteQueueing);
        }
    }
}
