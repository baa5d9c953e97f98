package io.nowserving.backend.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a branch is open: per day of the week, sorted, non-overlapping {@code [open, close)} intervals of local
 * time in whole minutes. A day without intervals is closed. An interval cannot pass midnight: 22:00–02:00 is
 * written as 22:00–24:00 on one day and 00:00–02:00 on the next.
 *
 * <p>A close of {@code "24:00"} (end of the day) is held as {@link LocalTime#MAX}, the only close that is not a
 * whole minute; {@link #toText()} writes it back as {@code "24:00"}. Every day of the week is always a key of
 * {@link #days()}, so two equal schedules are equal records.
 */
public record OpeningHours(Map<DayOfWeek, List<Interval>> days) {

    /** The text for the end of the day, {@link LocalTime#MAX} in an {@link Interval}. */
    public static final String END_OF_DAY = "24:00";

    /** Open around the clock, every day. */
    public static final OpeningHours ALWAYS = everyDay(new Interval(LocalTime.MIDNIGHT, LocalTime.MAX));

    public OpeningHours {
        Rules.required("openingHours", days);
        Map<DayOfWeek, List<Interval>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String field = "openingHours." + key(day);
            List<Interval> intervals = new ArrayList<>(Rules.list(field, days.getOrDefault(day, List.of())));
            intervals.sort(Comparator.comparing(Interval::open));
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i).open().isBefore(intervals.get(i - 1).close())) {
                    throw new ConfigValidationException(field, "has overlapping intervals "
                            + intervals.get(i - 1) + " and " + intervals.get(i));
                }
            }
            copy.put(day, List.copyOf(intervals));
        }
        days = Collections.unmodifiableMap(copy);
    }

    /** The same interval on each day of the week. */
    public static OpeningHours everyDay(Interval interval) {
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.of(interval));
        }
        return new OpeningHours(days);
    }

    /** Whether local time {@code time} on {@code day} falls in one of that day's intervals. */
    public boolean isOpen(DayOfWeek day, LocalTime time) {
        return days.get(day).stream().anyMatch(i -> i.contains(time));
    }

    /**
     * The form of the HTTP bodies and the SQL column: {@code {mon: [["08:30","17:00"]], …}}, every day present,
     * a closed day as an empty list.
     */
    public Map<String, List<List<String>>> toText() {
        Map<String, List<List<String>>> text = new LinkedHashMap<>();
        days.forEach((day, intervals) -> text.put(key(day),
                intervals.stream().map(i -> List.of(format(i.open()), format(i.close()))).toList()));
        return text;
    }

    /** Reads {@link #toText()}'s form; a missing day is closed. Errors name the field, e.g. {@code openingHours.tue[1]}. */
    public static OpeningHours fromText(Map<String, List<List<String>>> text) {
        Rules.required("openingHours", text);
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        text.forEach((key, pairs) -> {
            DayOfWeek day = day(key);
            String field = "openingHours." + key;
            List<Interval> intervals = new ArrayList<>();
            List<List<String>> checked = Rules.list(field, pairs);
            for (int i = 0; i < checked.size(); i++) {
                String f = field + "[" + i + "]";
                List<String> pair = checked.get(i);
                if (pair.size() != 2) {
                    throw new ConfigValidationException(f, "must be a pair [open, close]");
                }
                intervals.add(Interval.parse(f, pair.get(0), pair.get(1)));
            }
            days.put(day, intervals);
        });
        return new OpeningHours(days);
    }

    private static String key(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static DayOfWeek day(String key) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (key(day).equals(key)) {
                return day;
            }
        }
        throw new ConfigValidationException("openingHours." + Rules.shorten(key),
                "is not a day; use mon, tue, wed, thu, fri, sat, sun");
    }

    private static String format(LocalTime time) {
        return time.equals(LocalTime.MAX) ? END_OF_DAY : String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    /** {@code [open, close)}; whole minutes; {@code close} may be {@link LocalTime#MAX} for the end of the day. */
    public record Interval(LocalTime open, LocalTime close) {

        public Interval {
            Rules.required("open", open);
            Rules.required("close", close);
            if (!isWholeMinute(open)) {
                throw new ConfigValidationException("open", "must be a whole minute, was " + open);
            }
            if (!isWholeMinute(close) && !close.equals(LocalTime.MAX)) {
                throw new ConfigValidationException("close", "must be a whole minute or 24:00, was " + close);
            }
            if (!open.isBefore(close)) {
                throw new ConfigValidationException("close", "must be after open (" + open + "), was " + close);
            }
        }

        public boolean contains(LocalTime time) {
            return !time.isBefore(open) && (time.isBefore(close) || close.equals(LocalTime.MAX));
        }

        @Override
        public String toString() {
            return "[" + format(open) + ", " + format(close) + ")";
        }

        static Interval parse(String field, String open, String close) {
            LocalTime o = time(field, open, false);
            LocalTime c = time(field, close, true);
            try {
                return new Interval(o, c);
            } catch (ConfigValidationException e) {
                throw new ConfigValidationException(field, e.getMessage());
            }
        }

        private static LocalTime time(String field, String text, boolean close) {
            if (close && END_OF_DAY.equals(text)) {
                return LocalTime.MAX;
            }
            try {
                if (text != null && text.matches("\\d\\d:\\d\\d")) {
                    return LocalTime.parse(text);
                }
            } catch (DateTimeParseException e) {
                // falls through to the error below
            }
            throw new ConfigValidationException(field, "must hold times as \"HH:mm\"" + (close ? " (or \"24:00\")" : "")
                    + ", was '" + Rules.shorten(text) + "'");
        }

        private static boolean isWholeMinute(LocalTime time) {
            return time.getSecond() == 0 && time.getNano() == 0;
        }
    }
}
