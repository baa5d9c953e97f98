package io.nowserving.backend.analytics.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays events in seq order to measure, per counter, the time it was open, serving nobody, while at least one
 * ticket waited in a service it serves ({@code counterServices}: the current configuration's links). Time between
 * two events is charged to the state after the first. Nobody waits at a business-day start: tickets still waiting
 * then belong to an ended day and can no longer be called (the day roll resets them, lazily), so the waiting set
 * is emptied at every day start and the replay starts empty. Counters start in the state they had before the range.
 */
final class IdleReplay implements Consumer<LoggedEvent> {
    private final Map<String, List<String>> counterServices;
    private final Map<String, String> state = new HashMap<>();
    private final Set<String> serving = new HashSet<>();
    private final Map<String, String> waitingTicket = new HashMap<>();
    private final Map<String, Integer> waitingIn = new HashMap<>();
    private final Map<String, Long> idle = new LinkedHashMap<>();
    /** The idle totals so far at each day start passed (cumulative). */
    private final List<Map<String, Long>> atDayStarts = new ArrayList<>();
    private final List<Long> dayStarts;
    private final long cap;
    private int nextDay;
    private long clock;

    /**
     * @param dayStarts business-day starts after {@code start} (epoch seconds, ascending)
     * @param cap       nothing is charged at or after this second (range end, or how far the data reaches)
     */
    IdleReplay(Map<String, List<String>> counterServices, Map<String, StatsSql.CounterState> before, long start,
               List<Long> dayStarts, long cap) {
        this.counterServices = counterServices;
        this.dayStarts = dayStarts;
        this.cap = cap;
        this.clock = start;
        before.forEach((c, s) -> {
            state.put(c, s.state());
            if (s.serving()) {
                serving.add(c);
            }
        });
        counterServices.keySet().forEach(c -> idle.put(c, 0L));
    }

    /** Whether a ticket event at a counter leaves the counter serving that ticket. */
    static boolean startsServing(String type) {
        return type.equals("ticket.called") || type.equals("ticket.recalled") || type.equals("ticket.reopened");
    }

    @Override
    public void accept(LoggedEvent e) {
        advance(Math.min(e.at(), cap));
        if (e.counter() != null) {
            if (e.counterState() != null) {
                state.put(e.counter(), e.counterState());
            }
            if (!e.type().equals("counter.changed")) {
                if (startsServing(e.type())) {
                    serving.add(e.counter());
                } else {
                    serving.remove(e.counter());
                }
            }
        }
        if (e.ticket() == null) {
            return;
        }
        switch (e.type()) {
            case "ticket.issued", "ticket.transferred", "ticket.returned" -> startWaiting(e.ticket(), e.service());
            case "ticket.called", "ticket.cancelled", "ticket.reset" -> stopWaiting(e.ticket());
            default -> { }
        }
    }

    /** Seconds idle while people waited, per counter; charges the time up to the cap first. */
    Map<String, Long> finish() {
        advance(cap);
        return idle;
    }

    /**
     * Seconds idle while people waited, per counter, for each business day of the range in order (the first day,
     * then one per day start); charges the time up to the cap first.
     */
    List<Map<String, Long>> finishByDay() {
        advance(cap);
        while (nextDay < dayStarts.size()) { // days at or after the cap: nothing charged
            atDayStarts.add(new LinkedHashMap<>(idle));
            nextDay++;
        }
        List<Map<String, Long>> days = new ArrayList<>();
        Map<String, Long> previous = Map.of();
        List<Map<String, Long>> marks = new ArrayList<>(atDayStarts);
        marks.add(idle);
        for (Map<String, Long> mark : marks) {
            Map<String, Long> day = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : mark.entrySet()) {
                day.put(e.getKey(), e.getValue() - previous.getOrDefault(e.getKey(), 0L));
            }
            days.add(day);
            previous = mark;
        }
        return days;
    }

    private void advance(long to) {
        while (nextDay < dayStarts.size() && dayStarts.get(nextDay) <= to) {
            charge(dayStarts.get(nextDay++));
            atDayStarts.add(new LinkedHashMap<>(idle));
            waitingTicket.clear();
            waitingIn.clear();
        }
        charge(to);
    }

    private void charge(long to) {
        if (to <= clock) {
            return;
        }
        long dt = to - clock;
        clock = to;
        counterServices.forEach((c, services) -> {
            if ("open".equals(state.get(c)) && !serving.contains(c)
                    && services.stream().anyMatch(s -> waitingIn.getOrDefault(s, 0) > 0)) {
                idle.merge(c, dt, Long::sum);
            }
        });
    }

    private void startWaiting(String ticket, String service) {
        stopWaiting(ticket);
        if (service != null) {
            waitingTicket.put(ticket, service);
            waitingIn.merge(service, 1, Integer::sum);
        }
    }

    private void stopWaiting(String ticket) {
        String s = waitingTicket.remove(ticket);
        if (s != null) {
            waitingIn.merge(s, -1, Integer::sum);
        }
    }
}
