package io.nowserving.backend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar nowserving-backend.jar}: starts the backend with its settings and stops it on SIGTERM.
 * {@code … recover <branch> [--force]} rebuilds a branch's live Redis state from SQL instead (same settings);
 * {@code … backup <file.sql>} and {@code … restore <file.sql>} dump and load the H2 database ({@link BackupCommand}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("NowServing: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0 && args[0].equals("recover")) {
            System.exit(RecoverCommand.run(settings, Arrays.asList(args).subList(1, args.length), System.out));
            return;
        }
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            java.util.List<String> rest = Arrays.asList(args).subList(1, args.length);
            System.exit(args[0].equals("backup") ? BackupCommand.backup(settings, rest, System.out)
                    : BackupCommand.restore(settings, rest, System.out));
            return;
        }
        App app = App.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "ns-shutdown"));
        System.out.println("NowServing is serving at " + url(settings, app.port())
                + "  (demo branch: " + url(settings, app.port()) + "/api/v1/branches/main)");
        stopped.await();
    }

    private static String url(Settings settings, int port) {
        if (settings.publicUrl().isPresent()) {
            return settings.publicUrl().get();
        }
        String host = settings.bind();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
                if (InetAddress.getByName(host).isLoopbackAddress()) {
                    host = "localhost";
                }
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return "http://" + host + ":" + port;
    }
}
