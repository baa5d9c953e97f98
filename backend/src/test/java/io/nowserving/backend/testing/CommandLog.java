package io.nowserving.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, with MONITOR, every command the suite sends to its shared Redis (commands run inside scripts too),
 * so that {@code Redis50CommandsTest} can check each one, with its options, against Redis 5.0. Distinct command
 * shapes are kept (name plus its option words), not every call, so memory stays small.
 */
public final class CommandLog {
    private static final Map<String, List<String>> SHAPES = new ConcurrentHashMap<>();
    private static volatile boolean recording;

    private CommandLog() {
    }

    static synchronized void startRecording(String redisUrl) {
        if (recording) {
            return;
        }
        recording = true;
        URI uri = URI.create(redisUrl);
        Thread t = new Thread(() -> monitor(uri), "ns-test-monitor");
        t.setDaemon(true);
        t.start();
        // MONITOR must be in place before the first test command: wait for its +OK
        synchronized (SHAPES) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!SHAPES.containsKey("__started__") && System.currentTimeMillis() < deadline) {
                try {
                    SHAPES.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether a MONITOR connection is recording. */
    public static boolean isRecording() {
        return SHAPES.containsKey("__started__");
    }

    /** Distinct command shapes seen so far: key is the shape, value one full example. */
    public static Map<String, List<String>> shapes() {
        Map<String, List<String>> copy = new java.util.TreeMap<>(SHAPES);
        copy.remove("__started__");
        return copy;
    }

    private static void monitor(URI uri) {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            String password = uri.getUserInfo() == null ? null
                    : URLDecoder.decode(uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1), StandardCharsets.UTF_8);
            if (password != null && !password.isEmpty()) {
                out.write(resp("AUTH", password));
            }
            out.write(resp("MONITOR"));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("+OK")) {
                    synchronized (SHAPES) {
                        SHAPES.put("__started__", List.of());
                        SHAPES.notifyAll();
                    }
                    continue;
                }
                List<String> args = MonitorLine.parse(line);
                if (!args.isEmpty()) {
                    SHAPES.putIfAbsent(Redis50.shape(args), args);
                }
            }
        } catch (IOException e) {
            // the JVM is ending or Redis went away; the allow-list test reports whether anything was recorded
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses {@code +1700000000.123 [0 127.0.0.1:5000] "SET" "k" "v"} into its arguments. */
    static final class MonitorLine {
        private MonitorLine() {
        }

        static List<String> parse(String line) {
            List<String> args = new ArrayList<>();
            int i = line.indexOf("] ");
            if (!line.startsWith("+") || i < 0) {
                return args;
            }
            i += 2;
            while (i < line.length()) {
                if (line.charAt(i) != '"') {
                    i++;
                    continue;
                }
                StringBuilder arg = new StringBuilder();
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < line.length()) {
                        char n = line.charAt(i + 1);
                        if (n == 'x' && i + 3 < line.length()) {
                            arg.append('?');
                            i += 4;
                            continue;
                        }
                        arg.append(n);
                        i += 2;
                        continue;
                    }
                    arg.append(c);
                    i++;
                }
                args.add(arg.toString());
                i++;
            }
            return args;
        }
    }
}
