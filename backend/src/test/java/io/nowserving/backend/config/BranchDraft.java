package io.nowserving.backend.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A mutable stand-in for a {@link BranchConfig} under construction, so tests change one thing at a time. */
final class BranchDraft {

    String id = "taipei-1";
    String name = "台北總行 Taipei main";
    ZoneId timeZone = ZoneId.of("America/New_York");
    LocalTime businessDayStart = LocalTime.of(5, 30);
    OpeningHours openingHours = weekdaysAndLateSaturday();
    List<LocalDate> closedDays = new ArrayList<>(List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));
    boolean remoteQueueing = false;
    long version = 0;
    List<ServiceConfig> services = new ArrayList<>(List.of(
            new ServiceConfig("a", "General", "A", null, 600, 300),
            new ServiceConfig("vip-2", "Premium 貴賓", "VIP", 50, 0, 0)));
    List<CounterConfig> counters = new ArrayList<>(List.of(
            new CounterConfig("c1", "Counter one", List.of("vip-2", "a")),
            new CounterConfig("c2", "Counter two", List.of("a")),
            new CounterConfig("idle", "Spare desk", List.of())));

    BranchConfig build() {
        return new BranchConfig(id, name, timeZone, businessDayStart, openingHours, closedDays, remoteQueueing, version,
                services, counters);
    }

    static OpeningHours weekdaysAndLateSaturday() {
        Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(d, List.of(interval("13:00", "17:30"), interval("08:30", "12:00")));
        }
        days.put(DayOfWeek.SATURDAY, List.of(new OpeningHours.Interval(LocalTime.of(22, 0), LocalTime.MAX)));
        days.put(DayOfWeek.SUNDAY, List.of(interval("00:00", "02:00")));
        return new OpeningHours(days);
    }

    static OpeningHours.Interval interval(String open, String close) {
        return new OpeningHours.Interval(LocalTime.parse(open), LocalTime.parse(close));
    }
}
