package io.nowserving.backend.analytics;

import io.javalin.http.Context;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.HistoryPage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP for a branch's ticket history (admins of the branch, owners): pages in {@code (issuedAt, id)} order with
 * an opaque keyset cursor, and the same rows as a CSV streamed while SQL is read.
 */
public final class TicketHistoryRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ConfigRepository configs;
    private final TicketHistoryRepository history;

    public TicketHistoryRoutes(ConfigRepository configs, javax.sql.DataSource dataSource) {
        this.configs = configs;
        this.history = new TicketHistoryRepository(dataSource);
    }

    public void page(Context ctx) {
        BranchConfig branch = branch(ctx);
        TicketHistoryFilter filter = TicketHistoryFilter.of(ctx, branch);
        int limit = limit(ctx.queryParam("limit"));
        Optional<TicketHistoryCursor> after = Optional.ofNullable(ctx.queryParam("cursor"))
                .map(TicketHistoryCursor::decode);
        Long dataThrough = history.dataThrough(branch.id()).orElse(null);
        List<TicketHistoryRepository.Row> rows = history.page(branch.id(), filter, after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).position().encode();
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(new HistoryPage(rows.stream().map(TicketHistoryRepository.Row::item).toList(), next, dataThrough));
    }

    /**
     * The CSV export: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese right), RFC 4180; the
     * JSON fields, then the service's and counter's current names (empty once removed).
     */
    public void csv(Context ctx) throws IOException {
        BranchConfig branch = branch(ctx);
        TicketHistoryFilter filter = TicketHistoryFilter.of(ctx, branch);
        String name = "history-" + branch.id() + filter.days().map(d -> "-" + d.from() + "-" + d.to()).orElse("")
                + ".csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "no-store");
        history.dataThrough(branch.id()).ifPresent(t -> ctx.header("X-Data-Through", Long.toString(t)));
        ZoneId zone = branch.timeZone();
        Map<String, String> serviceNames = new HashMap<>();
        branch.services().forEach(s -> serviceNames.put(s.id(), s.name()));
        Map<String, String> counterNames = new HashMap<>();
        branch.counters().forEach(c -> counterNames.put(c.id(), c.name()));
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8),
                64 * 1024)) {
            out.write('\uFEFF');
            TicketHistoryCsv.row(out, "id", "number", "service", "status", "counter", "issuedAt", "calledAt",
                    "closedAt", "serviceName", "counterName");
            history.export(branch.id(), filter, item -> TicketHistoryCsv.row(out, item.id(), item.number(),
                    item.service(), item.status(), item.counter(), local(item.issuedAt(), zone),
                    local(item.calledAt(), zone), local(item.closedAt(), zone), serviceNames.get(item.service()),
                    counterNames.get(item.counter())));
        }
    }

    private BranchConfig branch(Context ctx) {
        String b = ctx.pathParam("b");
        if (!Ids.isConfigId(b)) {
            throw Refusal.invalid("branch id must be 1-32 of a-z, 0-9 and '-'");
        }
        return configs.find(b).orElseThrow(() -> Refusal.notFound("unknown branch " + b));
    }

    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Refusal.invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String local(Long epochMs, ZoneId zone) {
        return epochMs == null ? "" : LOCAL.format(Instant.ofEpochMilli(epochMs).atZone(zone).toOffsetDateTime());
    }
}
