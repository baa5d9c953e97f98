package io.nowserving.backend.analytics.stats;

import io.javalin.http.Context;
import io.nowserving.backend.analytics.DayRange;
import io.nowserving.backend.config.BranchConfig;
import io.nowserving.backend.config.ConfigRepository;
import io.nowserving.backend.errors.Refusal;

/** HTTP for the managers' statistics: {@code /api/v1/branches/{b}/stats/hourly}, {@code summary}, {@code heatmap}. */
public final class StatsRoutes {
    private final ConfigRepository configs;
    private final StatsService stats;

    public StatsRoutes(ConfigRepository configs, StatsService stats) {
        this.configs = configs;
        this.stats = stats;
    }

    public void hourly(Context ctx) {
        BranchConfig b = branch(ctx);
        ctx.json(stats.hourly(b, DayRange.day(ctx.queryParam("date"), b)));
    }

    public void summary(Context ctx) {
        BranchConfig b = branch(ctx);
        ctx.json(stats.summary(b, DayRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), b)));
    }

    public void heatmap(Context ctx) {
        BranchConfig b = branch(ctx);
        ctx.json(stats.heatmap(b, DayRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), b)));
    }

    private BranchConfig branch(Context ctx) {
        String b = ctx.pathParam("b");
        return configs.find(b).orElseThrow(() -> Refusal.notFound("unknown branch " + b));
    }
}
