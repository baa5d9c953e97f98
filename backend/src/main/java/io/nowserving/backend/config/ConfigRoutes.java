package io.nowserving.backend.config;

import io.javalin.http.Context;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.ServiceSettings;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP for configuration: the branch list, and branches, services and counters changed while the queue runs. */
public final class ConfigRoutes {
    private final ConfigRepository configs;
    private final ConfigService service;
    private final JsonBodies bodies;

    public ConfigRoutes(ConfigRepository configs, ConfigService service, JsonBodies bodies) {
        this.configs = configs;
        this.service = service;
        this.bodies = bodies;
    }

    public void list(Context ctx) {
        ctx.json(configs.listBranches());
    }

    public void get(Context ctx) {
        String b = id(ctx, "b", "branch");
        ctx.header("Cache-Control", "no-store");
        ctx.json(view(configs.find(b).orElseThrow(() -> Refusal.notFound("unknown branch " + b))));
    }

    public void putBranch(Context ctx) {
        String b = id(ctx, "b", "branch");
        BranchSettings body = bodies.read(ctx, BranchSettings.class);
        BranchConfig settings = new BranchConfig(b, body.name(), zone(body.timeZone()),
                time(body.businessDayStart()), body.openingHours() == null ? OpeningHours.ALWAYS
                        : OpeningHours.fromText(body.openingHours()), dates(body.closedDays()),
                Boolean.TRUE.equals(body.remoteQueueing()), 0, List.of(), List.of());
        ctx.json(view(service.putBranch(settings)));
    }

    public void deleteBranch(Context ctx) {
        service.deleteBranch(id(ctx, "b", "branch"));
        ctx.status(204);
    }

    public void putService(Context ctx) {
        ServiceSettings body = bodies.read(ctx, ServiceSettings.class);
        ctx.json(view(service.putService(id(ctx, "b", "branch"), id(ctx, "s", "service"), body)));
    }

    public void deleteService(Context ctx) {
        ctx.json(view(service.deleteService(id(ctx, "b", "branch"), id(ctx, "s", "service"))));
    }

    public void putCounter(Context ctx) {
        CounterSettings body = bodies.read(ctx, CounterSettings.class);
        ctx.json(view(service.putCounter(id(ctx, "b", "branch"), id(ctx, "c", "counter"), body)));
    }

    public void deleteCounter(Context ctx) {
        ctx.json(view(service.deleteCounter(id(ctx, "b", "branch"), id(ctx, "c", "counter"))));
    }

    private static String id(Context ctx, String param, String what) {
        String v = ctx.pathParam(param);
        if (!Ids.isConfigId(v)) {
            throw Refusal.invalid(what + " id must be 1-32 of a-z, 0-9 and '-'");
        }
        return v;
    }

    private static ZoneId zone(String text) {
        if (text == null) {
            throw new ConfigValidationException("timeZone", "is required");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ConfigValidationException("timeZone", "is not a time zone such as Asia/Taipei");
        }
    }

    private static LocalTime time(String text) {
        if (text == null) {
            return LocalTime.of(4, 0);
        }
        if (!text.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new ConfigValidationException("businessDayStart", "must be HH:mm, e.g. 04:00");
        }
        return LocalTime.parse(text);
    }

    private static List<LocalDate> dates(List<String> texts) {
        if (texts == null) {
            return List.of();
        }
        return texts.stream().map(t -> {
            try {
                return LocalDate.parse(String.valueOf(t));
            } catch (DateTimeException e) {
                throw new ConfigValidationException("closedDays", "must be dates such as 2026-12-25");
            }
        }).toList();
    }

    static Map<String, Object> view(BranchConfig b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("name", b.name());
        m.put("timeZone", b.timeZone().getId());
        m.put("businessDayStart", b.businessDayStart().toString());
        m.put("openingHours", b.openingHours().toText());
        m.put("closedDays", b.closedDays().stream().map(LocalDate::toString).toList());
        m.put("remoteQueueing", b.remoteQueueing());
        m.put("version", b.version());
        m.put("services", b.services().stream().map(s -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", s.id());
            v.put("name", s.name());
            v.put("prefix", s.prefix());
            v.put("dailyCapacity", s.dailyCapacity());
            v.put("targetWaitSeconds", s.targetWaitSeconds());
            v.put("noShowGraceSeconds", s.noShowGraceSeconds());
            v.put("notifyAhead", s.notifyAhead());
            return v;
        }).toList());
        m.put("counters", b.counters().stream().map(c -> Map.of("id", c.id(), "name", c.name(),
                "services", c.services())).toList());
        return m;
    }
}
