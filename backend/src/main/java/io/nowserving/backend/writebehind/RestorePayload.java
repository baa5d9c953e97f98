package io.nowserving.backend.writebehind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.CounterConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The JSON restore.lua takes (every value a string), built from what SQL holds. */
final class RestorePayload {
    private static final int RECENT = 10;
    private static final int STATS_SAMPLES = 20;

    private RestorePayload() {
    }

    static String build(ObjectMapper json, BranchConfig branch, BusinessDays days, RecoverySource.State state,
                        LocalDate today, String epoch, boolean force, long nowMs) {
        ObjectNode p = json.createObjectNode();
        p.put("force", force ? "1" : "0");
        p.put("epoch", epoch);
        p.put("floorSeq", Long.toString(state.highestSeq()));
        p.put("today", BusinessDays.ymd(today));
        ArrayNode tickets = p.putArray("tickets");
        ArrayNode customers = p.putArray("customers");
        Map<String, Integer> numbering = new HashMap<>();
        Map<String, String> serving = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        branch.services().forEach(s -> prefixes.put(s.id(), s.prefix()));
        for (TicketRow t : state.tickets()) {
            RecoverySource.Hashes h = state.hashes().get(t.id);
            if (t.number == null || t.queueScore == null || t.businessDay == null || h == null) {
                continue; // its issue never reached SQL: nothing a phone could hold
            }
            long expireAt = days.endOf(t.businessDay).plus(Duration.ofDays(2)).toEpochMilli();
            if (expireAt <= nowMs) {
                continue;
            }
            ObjectNode o = tickets.addObject();
            o.put("id", t.id).put("number", t.number).put("service", t.service).put("status", t.status)
                    .put("priority", t.priority ? "1" : "0").put("language", t.language).put("channel", t.channel)
                    .put("queuedAt", ms(t.issuedAt)).put("issuedAt", ms(t.issuedAt))
                    .put("score", Long.toString(t.queueScore)).put("day", BusinessDays.ymd(t.businessDay))
                    .put("tokenHash", h.tokenHash()).put("customerKey", nz(h.customerKeyHash()))
                    .put("counter", nz(t.counter)).put("calledAt", ms(t.calledAt)).put("calledBy", nz(t.calledBy))
                    .put("closedAt", ms(t.closedAt)).put("recalls", Integer.toString(t.recalls))
                    .put("transfers", Integer.toString(t.transfers)).put("expireAt", Long.toString(expireAt));
            String service = t.originalService == null ? t.service : t.originalService;
            String dayService = BusinessDays.ymd(t.businessDay) + "\n" + service;
            numbering.merge(dayService, numberOf(t.number, prefixes.get(service)), Math::max);
            boolean live = t.status.equals("waiting") || t.status.equals("called");
            if (live && h.customerKeyHash() != null) {
                customers.addObject().put("day", BusinessDays.ymd(t.businessDay)).put("hash", h.customerKeyHash())
                        .put("service", service).put("id", t.id)
                        .put("expireAt", Long.toString(days.endOf(t.businessDay).toEpochMilli()));
            }
            if (t.status.equals("called") && t.counter != null) {
                serving.put(t.counter, t.id);
            }
        }
        ArrayNode n = p.putArray("numbering");
        numbering.forEach((key, value) -> {
            String[] ds = key.split("\n");
            LocalDate day = LocalDate.parse(ds[0], java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            n.addObject().put("day", ds[0]).put("service", ds[1]).put("n", Integer.toString(value))
                    .put("expireAt", Long.toString(days.endOf(day).plus(Duration.ofDays(2)).toEpochMilli()));
        });
        ArrayNode counters = p.putArray("counters");
        for (CounterConfig c : branch.counters()) {
            RecoverySource.CounterState s = state.counters().get(c.id());
            counters.addObject().put("id", c.id()).put("state", s == null ? "closed" : s.state())
                    .put("clerk", s == null ? "" : nz(s.clerk())).put("ticket", nz(serving.get(c.id())));
        }
        stats(p.putArray("stats"), state.tickets());
        recent(json, p.putArray("recent"), state.tickets());
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each service's mean of its last 20 service times (the scripts' moving average restarts from it). */
    private static void stats(ArrayNode out, List<TicketRow> tickets) {
        Map<String, List<TicketRow>> done = new HashMap<>();
        tickets.stream().filter(t -> "completed".equals(t.status) && t.calledAt != null && t.closedAt != null)
                .sorted(Comparator.comparing((TicketRow t) -> t.closedAt).reversed())
                .forEach(t -> done.computeIfAbsent(t.service, s -> new java.util.ArrayList<>()).add(t));
        done.forEach((service, list) -> {
            List<TicketRow> last = list.subList(0, Math.min(STATS_SAMPLES, list.size()));
            double avg = last.stream().mapToLong(t -> Duration.between(t.calledAt, t.closedAt).toMillis())
                    .average().orElse(0) / 1000.0;
            out.addObject().put("service", service).put("avg", Double.toString(avg))
                    .put("n", Integer.toString(last.size()));
        });
    }

    private static void recent(ObjectMapper json, ArrayNode out, List<TicketRow> tickets) {
        tickets.stream().filter(t -> t.calledAt != null && t.counter != null)
                .sorted(Comparator.comparing((TicketRow t) -> t.calledAt).reversed()).limit(RECENT)
                .forEach(t -> {
                    ObjectNode call = json.createObjectNode().put("number", t.number).put("counter", t.counter)
                            .put("calledAt", t.calledAt.toEpochMilli());
                    out.add(call.toString());
                });
    }

    private static int numberOf(String number, String prefix) {
        String digits = prefix != null && number.startsWith(prefix) ? number.substring(prefix.length())
                : number.replaceAll("^\\D*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static String ms(Instant t) {
        return t == null ? "" : Long.toString(t.toEpochMilli());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
