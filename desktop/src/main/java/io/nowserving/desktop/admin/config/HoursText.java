package io.nowserving.desktop.admin.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One day's opening hours as a person types them, {@code "08:30-12:00, 13:00-17:00"} (empty: closed), to and from
 * the API's {@code [["08:30","12:00"],["13:00","17:00"]]}, checked as the backend's OpeningHours does: times
 * "HH:mm", "24:00" only as a close, each interval closing after it opens, no two overlapping.
 */
final class HoursText {
    static final String END_OF_DAY = "24:00";

    private HoursText() {
    }

    static String format(List<List<String>> intervals) {
        return String.join(", ", intervals.stream().map(i -> i.get(0) + "-" + i.get(1)).toList());
    }

    /** {@code day} is the API's key (mon … sun), named by the problem. */
    static List<List<String>> parse(String day, String text) {
        String field = "openingHours." + day;
        List<List<String>> intervals = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return intervals;
        }
        for (String part : text.split(",")) {
            String[] ends = part.strip().split("\\s*[-–]\\s*");
            if (ends.length != 2) {
                throw new InvalidField(field, "interval");
            }
            String open = time(field, ends[0], false);
            String close = time(field, ends[1], true);
            if (open.compareTo(close) >= 0) {
                throw new InvalidField(field, "closeAfterOpen", open, close);
            }
            intervals.add(List.of(open, close));
        }
        intervals.sort(Comparator.comparing((List<String> i) -> i.get(0)));
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).get(0).compareTo(intervals.get(i - 1).get(1)) < 0) {
                throw new InvalidField(field, "overlap");
            }
        }
        return intervals;
    }

    /** "8:30" is taken as "08:30"; "24:00" only closes. */
    private static String time(String field, String text, boolean close) {
        String t = text.strip();
        if (t.matches("\\d:\\d\\d")) {
            t = "0" + t;
        }
        if (close && END_OF_DAY.equals(t)) {
            return t;
        }
        if (!t.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new InvalidField(field, "time");
        }
        return t;
    }
}
