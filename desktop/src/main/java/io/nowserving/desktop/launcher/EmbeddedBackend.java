package io.nowserving.desktop.launcher;

import io.nowserving.backend.App;
import io.nowserving.backend.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The backend in this process (the same {@link App} the backend jar starts: embedded Redis and H2 in the data
 * directory), for a shop that runs everything on one PC. When no public URL is set, the QR codes and tracking links
 * carry the PC's address on the shop's network ({@link ShopAddress}), so phones on the Wi-Fi reach them.
 */
final class EmbeddedBackend implements LauncherViewModel.BackendHandle {
    static final int DEFAULT_PORT = 8080;

    private final App app;
    private final String localUrl;
    private final String publicUrl;
    private final boolean reachableByPhones;
    private final Path adminPasswordFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBackend(App app, String localUrl, String publicUrl, boolean reachableByPhones,
                            Path adminPasswordFile) {
        this.app = app;
        this.localUrl = localUrl;
        this.publicUrl = publicUrl;
        this.reachableByPhones = reachableByPhones;
        this.adminPasswordFile = adminPasswordFile;
    }

    /**
     * Starts it with the process's environment and {@code -Dnowserving.*} properties under {@code dataDir}; blocks
     * for the few seconds Redis, H2 and the migrations take (call it off the FX thread).
     */
    static EmbeddedBackend start(Path dataDir, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("NOWSERVING_DATA_DIR", dataDir.toString());
        Settings probe = Settings.from(env, System::getProperty);
        int port = probe.httpPort() == 0 ? freePort() : probe.httpPort();
        if (!env.containsKey("NOWSERVING_HTTP_PORT") && System.getProperty("nowserving.http.port") == null
                && !isFree(port)) {
            port = freePort(); // another program holds 8080: any free port will do for a shop PC
        }
        env.put("NOWSERVING_HTTP_PORT", Integer.toString(port));
        Optional<InetAddress> shop = ShopAddress.find();
        String publicUrl = probe.publicUrl().orElse(null);
        if (publicUrl == null) {
            publicUrl = "http://" + shop.map(InetAddress::getHostAddress).orElse("127.0.0.1") + ":" + port;
            env.put("NOWSERVING_PUBLIC_URL", publicUrl);
        }
        App app = App.start(Settings.from(env, System::getProperty));
        boolean reachable = probe.publicUrl().isPresent() || shop.isPresent();
        EmbeddedBackend backend = new EmbeddedBackend(app, "http://127.0.0.1:" + app.port(), publicUrl, reachable,
                probe.dataDir().resolve("admin-password.txt"));
        // SIGTERM or a logout ends the JVM without Application.stop(): stop Redis and H2 cleanly all the same
        Runtime.getRuntime().addShutdownHook(Executors.defaultThreadFactory().newThread(backend::close));
        return backend;
    }

    /** Where the apps on this PC reach it. */
    @Override
    public String localUrl() {
        return localUrl;
    }

    /** The address phones use (in QR codes and tracking links). */
    @Override
    public Optional<String> phoneUrl() {
        return Optional.of(publicUrl);
    }

    /** False when the PC has only a loopback address and no public URL is set: phones cannot reach it. */
    @Override
    public boolean reachableByPhones() {
        return reachableByPhones;
    }

    /** The file with the generated first password, while it exists (it is there until the admin changes it). */
    @Override
    public Optional<String> adminPasswordFile() {
        return Files.exists(adminPasswordFile) ? Optional.of(adminPasswordFile.toString()) : Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.close();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }
}
