package io.nowserving.backend.config;

import io.javalin.http.Context;

/** HTTP for configuration: for now the list of branches (the configuration API has its own issue). */
public final class ConfigRoutes {
    private final ConfigRepository configs;

    public ConfigRoutes(ConfigRepository configs) {
        this.configs = configs;
    }

    public void list(Context ctx) {
        ctx.json(configs.listBranches());
    }
}
