package io.nowserving.desktop.admin;

import io.nowserving.backend.testing.TestBackend;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Realistic days of a branch played through the real API at test-clock times: customers arrive by an hourly
 * profile (busier mornings and after lunch, a short Saturday, Sunday closed), three counters call them in turn,
 * serve them for 4–12 minutes, and about one in twelve does not come. The last day stops at {@code cut}, with
 * people waiting and counters serving.
 */
final class BusyDays {
    /** Arrivals per hour on a weekday, from 08:00 to 17:00. */
    private static final int[] WEEKDAY = {5, 12, 16, 11, 9, 14, 13, 8, 4};
    private static final int[] SATURDAY = {6, 10, 9, 5, 0, 0, 0, 0, 0};

    private enum Kind { END, ISSUE, CALL }

    private record Action(long at, Kind kind, String arg, boolean noShow) {
    }

    private final TestBackend backend;
    private final String branch;
    private final ZoneId zone;
    private final String[] tokens;
    private final Random random = new Random(42);

    /** {@code tokens}: the staff session of counters 1, 2, 3. */
    BusyDays(TestBackend backend, String branch, ZoneId zone, String... tokens) {
        this.backend = backend;
        this.branch = branch;
        this.zone = zone;
        this.tokens = tokens;
    }

    /** Plays {@code day}, at {@code scale} times the profile, up to {@code cut} (null: the whole day). */
    void play(LocalDate day, double scale, LocalTime cut) {
        int[] profile = day.getDayOfWeek() == DayOfWeek.SUNDAY ? new int[0]
                : day.getDayOfWeek() == DayOfWeek.SATURDAY ? SATURDAY : WEEKDAY;
        long open = millis(day, LocalTime.of(7, 55));
        List<Action> actions = new ArrayList<>();
        long[] freeAt = new long[tokens.length];
        java.util.Arrays.fill(freeAt, open);
        for (int h = 0; h < profile.length; h++) {
            int n = (int) Math.round(profile[h] * scale * (0.8 + 0.4 * random.nextDouble()));
            for (int i = 0; i < n; i++) {
                long arrival = millis(day, LocalTime.of(8 + h, 0)) + (long) (random.nextDouble() * 3_600_000);
                actions.add(new Action(arrival, Kind.ISSUE, random.nextInt(3) == 0 ? "b" : "a", false));
            }
        }
        List<Action> arrivals = actions.stream().sorted(Comparator.comparingLong(Action::at)).toList();
        for (Action a : arrivals) {
            int c = 0;
            for (int i = 1; i < freeAt.length; i++) {
                if (freeAt[i] < freeAt[c]) {
                    c = i;
                }
            }
            long call = Math.max(a.at() + 20_000, freeAt[c]);
            long end = call + 240_000 + (long) (random.nextDouble() * 480_000);
            actions.add(new Action(call, Kind.CALL, Integer.toString(c + 1), false));
            actions.add(new Action(end, Kind.END, Integer.toString(c + 1), random.nextInt(12) == 0));
            freeAt[c] = end + 5_000;
        }
        actions.sort(Comparator.comparingLong(Action::at).thenComparing(Action::kind));
        long stop = cut == null ? Long.MAX_VALUE : millis(day, cut);
        at(open);
        for (int c = 0; c < tokens.length; c++) {
            counter(c + 1 + "", "open");
        }
        for (Action a : actions) {
            if (a.at() > stop) {
                break;
            }
            at(a.at());
            switch (a.kind()) {
                case ISSUE -> backend.issue(branch, a.arg());
                case CALL -> counter(a.arg(), "call-next");
                case END -> counter(a.arg(), a.noShow() ? "no-show" : "complete");
            }
        }
        if (cut == null) {
            at(millis(day, LocalTime.of(19, 0)));
            for (int c = 0; c < tokens.length; c++) {
                counter(c + 1 + "", "close");
            }
        } else {
            at(stop);
        }
    }

    private void counter(String counter, String action) {
        backend.sendAs(tokens[Integer.parseInt(counter) - 1], "POST", "/api/v1/branches/" + branch + "/counters/"
                + counter + "/" + action, null);
    }

    private void at(long millis) {
        backend.moveClock(branch, millis - System.currentTimeMillis());
    }

    private long millis(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }
}
