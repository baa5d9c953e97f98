package io.nowserving.backend.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The raw ceiling of DESIGN.md: the same Lua script (issue_ticket.lua with its library, by EVALSHA) driven by
 * {@code redis-benchmark} at 50 clients, pipelined 16 deep and unpipelined. Arguments vary per call through
 * {@code __rand_int__}, so each call issues a new ticket for a new customer key, as the HTTP run does.
 */
final class RawCeiling {
    private RawCeiling() {
    }

    /** redis-benchmark from -Dbench.redisBenchmark, else the PATH, else next to a redis-server on the PATH. */
    static Optional<String> find() {
        String configured = System.getProperty("bench.redisBenchmark", "");
        if (!configured.isBlank()) {
            return new File(configured).canExecute() ? Optional.of(configured) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "redis-benchmark");
            if (f.canExecute()) {
                return Optional.of(f.getPath());
            }
        }
        return Optional.empty();
    }

    /** Operations per second of EVALSHA {@code sha} on {@code cfgKey}, with {@code pipeline} deep pipelining. */
    static double run(String binary, int port, String password, String sha, String cfgKey, int pipeline, int requests)
            throws IOException, InterruptedException {
        return run(binary, port, password, sha, cfgKey, pipeline, requests, true);
    }

    /**
     * The same, with the execution's request id as the last argument ({@code withRequestId}: the wrapped script the
     * backend runs) or without (the bare script, {@link io.nowserving.backend.redis.LuaScript#reader}).
     */
    static double run(String binary, int port, String password, String sha, String cfgKey, int pipeline, int requests,
                      boolean withRequestId) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary, "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", "50", "-P", Integer.toString(pipeline), "-n", Integer.toString(requests), "-r", "2000000000",
                "--csv"));
        if (password != null) {
            cmd.addAll(List.of("-a", password));
        }
        // ARGV as issue_ticket.lua takes them (see its header): no idempotency key, a random ticket id, token hash
        // and customer key, service a, a web customer, presence not needed (remote queueing); last, the execution's
        // request id that ScriptRunner appends (LuaScript's exactly-once wrapper), random as the backend's
        cmd.addAll(List.of("EVALSHA", sha, "1", cfgKey, "", "", "BENCH__rand_int__", "th__rand_int__", "a", "en", "0",
                "web", "ck__rand_int__", "customer", "", "1"));
        if (withRequestId) {
            cmd.add("RUN__rand_int__");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("\"EVALSHA")) {
                    last = line;
                }
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IllegalStateException("redis-benchmark failed:\n" + all);
        }
        // "EVALSHA ...","<rps>","<avg>",...
        String[] fields = last.split("\",\"");
        return Double.parseDouble(fields[1].replace("\"", ""));
    }
}
