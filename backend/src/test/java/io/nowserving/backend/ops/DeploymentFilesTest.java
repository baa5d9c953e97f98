package io.nowserving.backend.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container, compose, nginx and Helm files (no engine or helm binary runs here): each parses, and says what the
 * backend understands: probes on /readyz and /healthz, only setting names the backend reads, no secret in the
 * clear, nginx SSE-friendly and trusted alone with X-Forwarded-For.
 */
class DeploymentFilesTest {
    private static final Set<String> SETTINGS = Installers.settingNames();
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|redis_url).*");

    @Test
    void theDockerfileRunsTheShadedJarAsAnUnprivilegedUserAndChecksReadiness() {
        String docker = Installers.read("docker/Dockerfile");
        assertTrue(docker.contains("COPY backend/target/nowserving-backend.jar"), "the shaded jar");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(docker);
        assertTrue(user.find(), "a USER line");
        assertFalse(user.group(1).startsWith("root") || user.group(1).startsWith("0"), user.group(1));
        assertTrue(Pattern.compile("(?s)HEALTHCHECK .*CMD .*http://127\\.0\\.0\\.1:8080/readyz").matcher(docker).find());
        for (String name : matches(docker, "(?m)^\\s*(?:ENV\\s+)?([A-Z][A-Z0-9_]+)=")) {
            assertTrue(SETTINGS.contains(name) || name.equals("JAVA_TOOL_OPTIONS"), name + " is no backend setting");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoBackendsBehindNginxOnRedisWithAofAndAPassword() {
        Map<String, Object> compose = Installers.yaml(Installers.read("docker/compose.yaml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertEquals(Set.of("redis", "postgres", "backend1", "backend2", "nginx"), services.keySet());
        String nginxAddress = (String) Installers.at(services, "nginx.networks.nowserving.ipv4_address");
        for (String name : List.of("backend1", "backend2")) {
            Map<String, Object> env = (Map<String, Object>) Installers.at(services, name + ".environment");
            for (Map.Entry<String, Object> e : env.entrySet()) {
                assertTrue(SETTINGS.contains(e.getKey()), e.getKey() + " is no backend setting");
                if (SECRET_NAME.matcher(e.getKey()).matches()) {
                    assertTrue(String.valueOf(e.getValue()).contains("${"), e.getKey() + " must come from .env");
                }
            }
            assertEquals(nginxAddress, env.get("NOWSERVING_TRUSTED_PROXIES"), "only nginx is trusted");
            assertTrue(env.get("REDIS_URL").toString().startsWith("redis://:${REDIS_PASSWORD:?"), "with a password");
        }
        String redis = String.valueOf(Installers.at(services, "redis.command"));
        assertTrue(redis.contains("appendonly yes") && redis.contains("requirepass"), redis);
        assertTrue(redis.contains("maxmemory-policy noeviction"), redis);
        assertTrue(String.valueOf(Installers.at(services, "postgres.environment.POSTGRES_PASSWORD")).startsWith("${"));
        assertTrue(((List<String>) Installers.at(services, "nginx.volumes")).get(0)
                .startsWith("../nginx/nginx.conf:/etc/nginx/nginx.conf"));
        assertTrue(Files.exists(Installers.path("docker/.env.example")));
        for (String line : Installers.read("docker/.env.example").split("\n")) {
            assertTrue(line.startsWith("#") || line.isBlank() || line.endsWith("="), "no filled-in secret: " + line);
        }
    }

    @Test
    void nginxKeepsTheFeedsUnbufferedOpenAndWritesTheForwardedAddressItself(@TempDir Path tmp)
            throws IOException, InterruptedException {
        String conf = Installers.read("nginx/nginx.conf");
        String sse = conf.substring(conf.indexOf("(events|tickets/[^/]+/events)"));
        for (String directive : List.of("proxy_buffering off;", "proxy_cache off;", "proxy_read_timeout 3600s;",
                "proxy_http_version 1.1;", "proxy_set_header Connection \"\";")) {
            assertTrue(sse.contains(directive), "the SSE location needs " + directive);
        }
        assertEquals(2, count(conf, "proxy_set_header X-Forwarded-For $remote_addr;"), "both locations set it");
        assertFalse(conf.contains("$proxy_add_x_forwarded_for"), "a client's own header must not pass through");
        assertTrue(conf.contains("server backend1:8080") && conf.contains("server backend2:8080"));
        nginxAcceptsIt(conf, tmp);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHelmChartRendersProbesSecretsIngressAndDisruptionBudget() throws IOException {
        Map<String, Object> chart = Installers.yaml(Installers.read("helm/nowserving/Chart.yaml"));
        assertEquals("v2", chart.get("apiVersion"));
        Map<String, Object> values = Installers.yaml(Installers.read("helm/nowserving/values.yaml"));
        Map<String, Object> secret = (Map<String, Object>) values.get("secret");
        for (Map.Entry<String, Object> e : secret.entrySet()) {
            if (!e.getKey().equals("keys")) {
                assertEquals("", e.getValue(), "secret." + e.getKey() + " must stay empty in values.yaml");
            }
        }
        HelmRender helm = new HelmRender(values, chart);
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> templates = Files.list(Installers.path("helm/nowserving/templates"))) {
            for (Path t : templates.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.add(Installers.yaml(helm.render(Files.readString(t))));
            }
        }
        Map<String, Map<String, Object>> byKind = new java.util.HashMap<>();
        docs.forEach(d -> byKind.put((String) d.get("kind"), d));
        assertEquals(Set.of("Deployment", "Service", "Ingress", "Secret", "PodDisruptionBudget"), byKind.keySet());

        Map<String, Object> container = ((List<Map<String, Object>>) Installers.at(byKind.get("Deployment"),
                "spec.template.spec.containers")).get(0);
        assertEquals("/readyz", Installers.at(container, "readinessProbe.httpGet.path"));
        assertEquals("/healthz", Installers.at(container, "livenessProbe.httpGet.path"));
        assertEquals(true, Installers.at(byKind.get("Deployment"), "spec.template.spec.securityContext.runAsNonRoot"));
        for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
            String name = (String) env.get("name");
            assertTrue(SETTINGS.contains(name), name + " is no backend setting");
            if (SECRET_NAME.matcher(name).matches()) {
                assertTrue(env.containsKey("valueFrom"), name + " must come from the Secret");
            }
        }
        Map<String, Object> annotations = (Map<String, Object>) Installers.at(byKind.get("Ingress"), "metadata.annotations");
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"));
        assertEquals("3600", annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertEquals(1, Installers.at(byKind.get("PodDisruptionBudget"), "spec.minAvailable"));
        assertEquals(Installers.at(byKind.get("Deployment"), "spec.selector.matchLabels"),
                Installers.at(byKind.get("PodDisruptionBudget"), "spec.selector.matchLabels"));
        assertFalse(helm.valuePaths().isEmpty());
    }

    /** nginx -t on the file, its upstream names pointed at the loopback (they resolve only inside compose). */
    private static void nginxAcceptsIt(String conf, Path tmp) throws IOException, InterruptedException {
        Path nginx = Stream.of("/usr/sbin/nginx", "/usr/bin/nginx").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (nginx == null) {
            if (System.getenv("CI") != null) {
                fail("CI installs nginx-light (.ci/run): nginx -t must run there");
            }
            return; // a developer machine without nginx: the checks above still ran
        }
        Path copy = tmp.resolve("nginx.conf");
        Files.writeString(copy, conf.replaceAll("backend[12]:8080", "127.0.0.1:8080"));
        Process p = new ProcessBuilder(nginx.toString(), "-t", "-q", "-p", tmp.toString(), "-c", copy.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nginx -t answered");
        assertEquals(0, p.exitValue(), out);
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
