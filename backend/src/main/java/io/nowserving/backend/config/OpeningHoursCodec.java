package io.nowserving.backend.config;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Opening hours in the compact form the Lua scripts read (lib/core.lua {@code is_open}): {@code always}, or
 * {@code <isoWeekday>:<fromMinute>-<toMinute>} joined by commas, minutes of local time, 1440 for the end of day.
 */
final class OpeningHoursCodec {
    private OpeningHoursCodec() {
    }

    static String encode(OpeningHours hours) {
        if (hours.equals(OpeningHours.ALWAYS)) {
            return "always";
        }
        List<String> parts = new ArrayList<>();
        hours.days().forEach((day, intervals) -> intervals.forEach(i ->
                parts.add(day.getValue() + ":" + minute(i.open()) + "-" + minute(i.close()))));
        return String.join(",", parts);
    }

    private static int minute(LocalTime t) {
        return t.equals(LocalTime.MAX) ? 1440 : t.getHour() * 60 + t.getMinute();
    }
}
