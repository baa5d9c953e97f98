package io.nowserving.shared.api;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/branches/{b}}: {@code businessDayStart} as "HH:mm", {@code openingHours} per day
 * ({@code mon} … {@code sun}) as {@code [["08:30","17:00"]]} ("24:00" ends a day), {@code closedDays} as ISO dates.
 */
public record BranchSettings(String name, String timeZone, String businessDayStart,
                             Map<String, List<List<String>>> openingHours, List<String> closedDays,
                             Boolean remoteQueueing) {
}
