package io.nowserving.backend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    @Test
    void alwaysIsOpenEveryMomentOfEveryDay() {
        for (DayOfWeek day : DayOfWeek.values()) {
            assertTrue(OpeningHours.ALWAYS.isOpen(day, LocalTime.MIDNIGHT));
            assertTrue(OpeningHours.ALWAYS.isOpen(day, LocalTime.NOON));
            assertTrue(OpeningHours.ALWAYS.isOpen(day, LocalTime.MAX));
            assertEquals(List.of(List.of("00:00", "24:00")), OpeningHours.ALWAYS.toText().get(
                    day.name().substring(0, 3).toLowerCase()));
        }
    }

    @Test
    void intervalsIncludeTheOpeningMinuteAndExcludeTheClosingOne() {
        OpeningHours hours = BranchDraft.weekdaysAndLateSaturday();
        assertFalse(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(8, 29, 59)));
        assertTrue(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(8, 30)));
        assertTrue(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(11, 59, 59)));
        assertFalse(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(12, 0)));
        assertFalse(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(17, 30)));
        assertTrue(hours.isOpen(DayOfWeek.SATURDAY, LocalTime.of(23, 59, 59)));
        assertTrue(hours.isOpen(DayOfWeek.SUNDAY, LocalTime.of(1, 0)));
        assertFalse(hours.isOpen(DayOfWeek.SUNDAY, LocalTime.of(22, 0)));
    }

    @Test
    void textFormListsEveryDaySortedWithEndOfDayAs2400() {
        Map<String, List<List<String>>> text = BranchDraft.weekdaysAndLateSaturday().toText();
        assertEquals(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), new ArrayList<>(text.keySet()));
        assertEquals(List.of(List.of("08:30", "12:00"), List.of("13:00", "17:30")), text.get("mon"));
        assertEquals(List.of(List.of("22:00", "24:00")), text.get("sat"));
        assertEquals(BranchDraft.weekdaysAndLateSaturday(), OpeningHours.fromText(text));
    }

    @Test
    void aDayLeftOutIsClosed() {
        OpeningHours hours = OpeningHours.fromText(Map.of("wed", List.of(List.of("09:00", "24:00"))));
        assertEquals(List.of(), hours.days().get(DayOfWeek.MONDAY));
        assertFalse(hours.isOpen(DayOfWeek.MONDAY, LocalTime.NOON));
        assertTrue(hours.isOpen(DayOfWeek.WEDNESDAY, LocalTime.of(23, 0)));
        assertEquals(List.of(), hours.toText().get("mon"));
    }

    @Test
    void badTextNamesTheDayAndInterval() {
        assertField("openingHours.mon[0]", Map.of("mon", List.of(List.of("17:00", "08:30"))));
        assertField("openingHours.mon[0]", Map.of("mon", List.of(List.of("09:00", "09:00"))));
        assertField("openingHours.tue[1]", Map.of("tue", List.of(List.of("08:00", "09:00"), List.of("8:30", "10:00"))));
        assertField("openingHours.fri[0]", Map.of("fri", List.of(List.of("24:00", "24:00"))));
        assertField("openingHours.fri[0]", Map.of("fri", List.of(List.of("09:00", "25:00"))));
        assertField("openingHours.fri[0]", Map.of("fri", List.of(List.of("09:00", "10:00", "11:00"))));
        assertField("openingHours.sat[0]", Map.of("sat", Arrays.asList((List<String>) null)));
        assertField("openingHours.monday", Map.of("monday", List.of()));
        Map<String, List<List<String>>> nullDay = new LinkedHashMap<>();
        nullDay.put("sun", null);
        assertField("openingHours.sun", nullDay);
        assertField("openingHours.thu", Map.of("thu", List.of(List.of("08:00", "12:00"), List.of("11:00", "13:00"))));
    }

    @Test
    void intervalsMustOpenBeforeTheyCloseOnWholeMinutes() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> new OpeningHours.Interval(LocalTime.of(9, 0), LocalTime.of(9, 0)));
        assertEquals("close", e.field());
        e = assertThrows(ConfigValidationException.class,
                () -> new OpeningHours.Interval(LocalTime.of(9, 0, 30), LocalTime.of(10, 0)));
        assertEquals("open", e.field());
        e = assertThrows(ConfigValidationException.class,
                () -> new OpeningHours.Interval(LocalTime.of(9, 0), LocalTime.of(10, 0, 1)));
        assertEquals("close", e.field());
    }

    private static void assertField(String field, Map<String, List<List<String>>> text) {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> OpeningHours.fromText(text));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }
}
