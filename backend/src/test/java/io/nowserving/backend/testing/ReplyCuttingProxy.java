package io.nowserving.backend.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback between a backend and Redis that, once armed, lets every {@code cutEvery}-th script
 * (EVALSHA/EVAL) through, lets Redis run it, and cuts the connection before the reply reaches the client: the lost
 * answer of a state change that did happen. Plain sockets, one thread per direction.
 */
public final class ReplyCuttingProxy implements AutoCloseable {
    private static final byte[] EVAL = "EVAL".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final InetSocketAddress redis;
    private final int cutEvery;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger scripts = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ReplyCuttingProxy(InetSocketAddress redis, int cutEvery) throws IOException {
        this.redis = redis;
        this.cutEvery = cutEvery;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** A proxy in front of the Redis of {@code redisUrl}; {@link #url} is that URL pointing at the proxy. */
    public static ReplyCuttingProxy start(String redisUrl, int cutEvery) throws IOException {
        URI u = URI.create(redisUrl);
        return new ReplyCuttingProxy(new InetSocketAddress(u.getHost(), u.getPort()), cutEvery);
    }

    public String url(String redisUrl) {
        URI u = URI.create(redisUrl);
        return redisUrl.replace(u.getHost() + ":" + u.getPort(), "127.0.0.1:" + server.getLocalPort());
    }

    public void arm() {
        armed.set(true);
    }

    public void disarm() {
        armed.set(false);
    }

    /** Connections cut so far (each after a script reached Redis). */
    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(redis, 3000);
                open.add(client);
                open.add(upstream);
                AtomicBoolean cutPending = new AtomicBoolean();
                pump(client, upstream, cutPending, true);
                pump(upstream, client, cutPending, false);
            } catch (IOException e) {
                // closing, or Redis refused: the client sees a dropped connection and reconnects
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean cutPending, boolean toRedis) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!toRedis && cutPending.get()) {
                        // the script ran (Redis answers in order, so its reply is in or after this chunk):
                        // the client never sees it
                        cuts.incrementAndGet();
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    if (toRedis && armed.get() && containsEval(buf, n) && scripts.incrementAndGet() % cutEvery == 0) {
                        cutPending.set(true);
                    }
                }
            } catch (IOException e) {
                // the other side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, toRedis ? "test-proxy-up" : "test-proxy-down");
        t.setDaemon(true);
        t.start();
    }

    private static boolean containsEval(byte[] buf, int n) {
        outer:
        for (int i = 0; i + EVAL.length <= n; i++) {
            for (int j = 0; j < EVAL.length; j++) {
                if ((buf[i + j] & 0xdf) != EVAL[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        open.forEach(ReplyCuttingProxy::closeQuietly);
    }
}
