package io.nowserving.backend.config;

import io.nowserving.backend.redis.LuaScript;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.redis.ScriptRunner;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.ServiceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Changes to configuration: each commits in SQL (one transaction under the branch's row lock) and is then
 * mirrored to Redis, so every instance's scripts see it at once. Removing a service or counter first takes it
 * out of use in Redis and checks nobody depends on it, so no ticket is ever stranded.
 */
public final class ConfigService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigService.class);
    static final LuaScript SERVICE_GATE = LuaScript.load(ConfigService.class, "service_gate.lua");
    static final LuaScript COUNTER_GATE = LuaScript.load(ConfigService.class, "counter_gate.lua");
    static final LuaScript BRANCH_GATE = LuaScript.load(ConfigService.class, "branch_gate.lua");
    static final LuaScript REMOVED_VERSION = LuaScript.reader(ConfigService.class, "removed_version.lua");

    private final ConfigRepository configs;
    private final ConfigMirror mirror;
    private final ScriptRunner scripts;
    private final RedisKeys keys;
    private final Consumer<String> afterRemoval;

    /** {@code afterRemoval} is told each removed branch once SQL has let it go (it revokes the branch's devices). */
    public ConfigService(ConfigRepository configs, ConfigMirror mirror, ScriptRunner scripts, RedisKeys keys,
                         Consumer<String> afterRemoval) {
        this.configs = configs;
        this.mirror = mirror;
        this.scripts = scripts;
        this.keys = keys;
        this.afterRemoval = afterRemoval;
    }

    /** Creates the branch (with no services or counters yet) or changes its own settings. */
    public BranchConfig putBranch(BranchConfig settings) {
        Optional<BranchConfig> updated = configs.update(settings.id(), current -> new BranchConfig(current.id(),
                settings.name(), settings.timeZone(), settings.businessDayStart(), settings.openingHours(),
                settings.closedDays(), settings.remoteQueueing(), current.version(), current.services(),
                current.counters()));
        long removedVersion = Long.parseLong(scripts.run(REMOVED_VERSION, keys.cfg(settings.id())));
        BranchConfig saved = updated.orElseGet(() -> configs.create(settings.withVersion(removedVersion))
                .orElseThrow(() -> new Refusal(ErrorCode.UNAVAILABLE, "the branch was created meanwhile; retry")));
        return mirrored(saved);
    }

    /**
     * Removes a branch nobody waits in and no counter serves (409 service_in_use / counter_busy otherwise): its
     * services and counters are taken out of use in Redis in one script, SQL removes it, and Redis forgets it.
     * The history of its tickets stays in SQL.
     */
    public void deleteBranch(String branch) {
        configs.find(branch).orElseThrow(() -> Refusal.notFound("unknown branch " + branch));
        String gate = scripts.run(BRANCH_GATE, keys.cfg(branch), "close");
        if (gate.equals("missing")) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "branch " + branch + " is not mirrored yet; retry");
        }
        if (gate.startsWith("waiting:")) {
            String[] parts = gate.split(":");
            throw new Refusal(ErrorCode.SERVICE_IN_USE, parts[2] + " people wait in service " + parts[1]
                    + "; serve or transfer them first");
        }
        if (gate.startsWith("busy:")) {
            throw new Refusal(ErrorCode.COUNTER_BUSY, "counter " + gate.substring(5) + " is serving a ticket");
        }
        long closedVersion = Long.parseLong(gate.substring("closed:".length()));
        Runnable reopen = () -> scripts.run(BRANCH_GATE, keys.cfg(branch), "open");
        OptionalLong removed = removing(reopen, () -> configs.delete(branch, closedVersion));
        if (removed.isEmpty()) {
            reopen.run();
            if (configs.find(branch).isPresent()) {
                throw new Refusal(ErrorCode.UNAVAILABLE, "branch " + branch
                        + " changed while it was being removed; retry");
            }
            throw Refusal.notFound("unknown branch " + branch);
        }
        mirror.remove(branch, removed.getAsLong() + 1); // retried on its own if Redis is away
        try {
            afterRemoval.accept(branch);
        } catch (RuntimeException e) {
            log.warn("branch {} is removed, but revoking its devices failed ({}); they are revoked at the next start",
                    branch, e.toString());
        }
    }

    public BranchConfig putService(String branch, String serviceId, ServiceSettings body) {
        ServiceConfig service = new ServiceConfig(serviceId, body.name(), body.prefix(), body.dailyCapacity(),
                required("targetWaitSeconds", body.targetWaitSeconds()),
                required("noShowGraceSeconds", body.noShowGraceSeconds()), body.notifyAhead());
        return change(branch, b -> {
            List<ServiceConfig> services = new ArrayList<>(b.services());
            services.removeIf(s -> s.id().equals(serviceId));
            int at = indexOf(b.services().stream().map(ServiceConfig::id).toList(), serviceId);
            services.add(at < 0 ? services.size() : at, service);
            return with(b, services, b.counters());
        });
    }

    public BranchConfig putCounter(String branch, String counterId, CounterSettings body) {
        CounterConfig counter = new CounterConfig(counterId, body.name(), body.services());
        return change(branch, b -> {
            List<CounterConfig> counters = new ArrayList<>(b.counters());
            counters.removeIf(c -> c.id().equals(counterId));
            int at = indexOf(b.counters().stream().map(CounterConfig::id).toList(), counterId);
            counters.add(at < 0 ? counters.size() : at, counter);
            return with(b, b.services(), counters);
        });
    }

    /** Removes a service nobody waits in (409 service_in_use otherwise); counters stop serving it. */
    public BranchConfig deleteService(String branch, String serviceId) {
        requireService(branch, serviceId);
        String gate = scripts.run(SERVICE_GATE, keys.cfg(branch), serviceId, "close");
        if (gate.startsWith("waiting:")) {
            throw new Refusal(ErrorCode.SERVICE_IN_USE, gate.substring(8) + " people wait in service "
                    + serviceId + "; serve or transfer them first");
        }
        return removing(() -> scripts.run(SERVICE_GATE, keys.cfg(branch), serviceId, "open"), () -> change(branch, b -> {
            List<ServiceConfig> services = b.services().stream().filter(s -> !s.id().equals(serviceId)).toList();
            List<CounterConfig> counters = b.counters().stream().map(c -> new CounterConfig(c.id(), c.name(),
                    c.services().stream().filter(s -> !s.equals(serviceId)).toList())).toList();
            return with(b, services, counters);
        }));
    }

    /** Removes a counter that serves nobody (409 counter_busy otherwise). */
    public BranchConfig deleteCounter(String branch, String counterId) {
        BranchConfig b = configs.find(branch).orElseThrow(() -> Refusal.notFound("unknown branch " + branch));
        if (b.counter(counterId).isEmpty()) {
            throw Refusal.notFound("unknown counter " + counterId);
        }
        if ("busy".equals(scripts.run(COUNTER_GATE, keys.cfg(branch), counterId, "close"))) {
            throw new Refusal(ErrorCode.COUNTER_BUSY, "counter " + counterId + " is serving a ticket");
        }
        return removing(() -> scripts.run(COUNTER_GATE, keys.cfg(branch), counterId, "open"), () -> change(branch,
                c -> with(c, c.services(), c.counters().stream().filter(x -> !x.id().equals(counterId)).toList())));
    }

    private BranchConfig change(String branch, UnaryOperator<BranchConfig> edit) {
        return mirrored(configs.update(branch, edit).orElseThrow(() -> Refusal.notFound("unknown branch " + branch)));
    }

    private BranchConfig mirrored(BranchConfig saved) {
        try {
            mirror.mirror(saved);
        } catch (RuntimeException e) {
            // committed in SQL: the mirror retries by version and readiness shows it until then
        }
        return saved;
    }

    /** Runs the SQL part of a removal; if it fails, the gate is opened again so nothing stays half-removed. */
    private static <T> T removing(Runnable undo, Supplier<T> commit) {
        try {
            return commit.get();
        } catch (RuntimeException e) {
            undo.run();
            throw e;
        }
    }

    private void requireService(String branch, String serviceId) {
        BranchConfig b = configs.find(branch).orElseThrow(() -> Refusal.notFound("unknown branch " + branch));
        if (b.service(serviceId).isEmpty()) {
            throw Refusal.notFound("unknown service " + serviceId);
        }
    }

    private static BranchConfig with(BranchConfig b, List<ServiceConfig> services, List<CounterConfig> counters) {
        return new BranchConfig(b.id(), b.name(), b.timeZone(), b.businessDayStart(), b.openingHours(), b.closedDays(),
                b.remoteQueueing(), b.version(), services, counters);
    }

    private static int indexOf(List<String> ids, String id) {
        return ids.indexOf(id);
    }

    private static int required(String field, Integer value) {
        if (value == null) {
            throw new ConfigValidationException(field, "is required");
        }
        return value;
    }
}
