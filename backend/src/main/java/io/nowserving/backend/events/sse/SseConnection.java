package io.nowserving.backend.events.sse;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Request;

/**
 * One SSE client: a bounded queue of frames, written with the Servlet non-blocking API by the writer pool, so a
 * stalled client never holds a thread. A client whose queue overflows is told to come back later and closed (it
 * resumes by Last-Event-ID); one whose socket stays full past the write time-out is cut off by the watchdog.
 */
public final class SseConnection implements WriteListener {
    /** Why a connection ended. */
    public enum End { FINISHED, SLOW, TIMED_OUT, BROKEN }

    private final SseWriters writers;
    private final int capacity;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
    private volatile AsyncContext async;
    private volatile ServletOutputStream out;
    // guarded by this
    private boolean started;
    private boolean running;
    private boolean rerun;
    private boolean closing;
    private boolean ended;
    private boolean pendingFlush;
    private boolean slow;
    private long blockedSince;

    SseConnection(SseWriters writers, int capacity) {
        this.writers = writers;
        this.capacity = capacity;
    }

    /** Starts writing; call once the request is asynchronous. Returns what completes when the stream ends. */
    public CompletableFuture<Void> start(HttpServletRequest req, HttpServletResponse res) throws IOException {
        async = req.getAsyncContext();
        async.setTimeout(0);
        out = res.getOutputStream();
        synchronized (this) {
            started = true;
            running = true; // no drain may touch the stream before it is in non-blocking mode
        }
        out.setWriteListener(this);
        synchronized (this) {
            running = false;
            rerun = false;
        }
        schedule();
        return finished;
    }

    /** Queues a frame; false when the connection is ending (or just ended for being too slow). */
    public boolean send(byte[] frame) {
        boolean cutNow = false;
        synchronized (this) {
            if (ended || closing) {
                return false;
            }
            if (queue.size() >= capacity) {
                queue.clear();
                queue.add(SseFrames.retry(writers.retryHintMs(), "too slow: reconnect with Last-Event-ID"));
                closing = true;
                slow = true;
                cutNow = blockedSince != 0; // its socket is full: the hint could never arrive
            } else {
                queue.add(frame);
            }
        }
        if (cutNow) {
            abort(End.SLOW);
            return false;
        }
        schedule();
        return !closing();
    }

    /** Sends a last frame (a reconnect hint) and ends the stream once it is written. */
    public void finish(byte[] last) {
        synchronized (this) {
            if (ended || closing) {
                return;
            }
            queue.add(last);
            closing = true;
        }
        schedule();
    }

    /** Runs when the connection ends, however it ends (at once when it already has). */
    public void onEnd(Runnable action) {
        onEnd.add(action);
        if (finished.isDone() && onEnd.remove(action)) {
            action.run();
        }
    }

    public CompletableFuture<Void> finished() {
        return finished;
    }

    synchronized boolean closing() {
        return closing || ended;
    }

    /** Nanos since the socket stopped accepting data, or 0 when it accepts. */
    synchronized long blockedFor(long now) {
        return blockedSince == 0 || ended ? 0 : now - blockedSince;
    }

    @Override
    public void onWritePossible() {
        schedule();
    }

    @Override
    public void onError(Throwable t) {
        end(End.BROKEN);
    }

    /** Closes the socket under a pending write (a client that stopped reading). */
    public void abort(End why) {
        AsyncContext a = async;
        if (a != null) {
            try {
                Request.getBaseRequest(a.getRequest()).getHttpChannel().abort(new IOException("SSE client " + why));
            } catch (RuntimeException e) {
                // already gone
            }
        }
        end(why);
    }

    private void schedule() {
        synchronized (this) {
            if (!started || ended) {
                return;
            }
            if (running) {
                rerun = true;
                return;
            }
            running = true;
        }
        writers.execute(this::drain);
    }

    private void drain() {
        try {
            while (true) {
                if (!out.isReady()) {
                    synchronized (this) {
                        if (blockedSince == 0) {
                            blockedSince = System.nanoTime();
                        }
                        if (!stillRunning()) {
                            return;
                        }
                    }
                    continue;
                }
                byte[] frame;
                boolean flush = false;
                synchronized (this) {
                    blockedSince = 0;
                    if (ended) {
                        running = false;
                        return;
                    }
                    frame = queue.poll();
                    if (frame != null) {
                        pendingFlush = true;
                    } else if (pendingFlush) {
                        pendingFlush = false;
                        flush = true;
                    } else if (!closing && !stillRunning()) {
                        return;
                    } else if (!closing) {
                        continue;
                    }
                }
                if (frame != null) {
                    out.write(frame);
                } else if (flush) {
                    out.flush();
                } else {
                    end(End.FINISHED);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            end(End.BROKEN);
        }
    }

    /** Under the lock: whether to loop again (something arrived meanwhile); else marks the drain stopped. */
    private boolean stillRunning() {
        if (rerun) {
            rerun = false;
            return true;
        }
        running = false;
        return false;
    }

    private void end(End how) {
        End why;
        synchronized (this) {
            if (ended) {
                return;
            }
            why = slow ? End.SLOW : how;
            ended = true;
            running = false;
            queue.clear();
        }
        writers.ended(this, why);
        finished.complete(null);
        for (Runnable r : onEnd) {
            if (onEnd.remove(r)) {
                r.run();
            }
        }
    }
}
