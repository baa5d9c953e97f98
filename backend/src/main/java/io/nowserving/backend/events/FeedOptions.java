package io.nowserving.backend.events;

import java.time.Duration;

/**
 * Tuning of the live feeds. What the stream keeps and when it alarms come from the settings
 * ({@code NOWSERVING_STREAM_KEEP}, {@code NOWSERVING_STREAM_ALARM_ENTRIES}); the rest suits a branch of any size,
 * and tests pass their own through {@code App.start(Settings, FeedOptions)}.
 *
 * @param clientQueue   frames a client may have waiting before it counts as too slow and is disconnected
 * @param writeTimeout  how long a client may leave a write pending (socket full) before it is disconnected
 * @param keepAlive     interval of the keep-alive comments (also how soon a vanished client is noticed)
 * @param retryHint     the {@code retry:} reconnection delay suggested to clients
 * @param writerThreads threads of the writer pool (writes never block, so a few serve thousands of clients)
 * @param keepEvents    the stream keeps at least this many newest events of a branch
 * @param keepTime      and at least the events of this last stretch of time
 * @param alarmEntries  a stream longer than this turns readiness degraded (SQL writer far behind)
 * @param retentionEvery how often the stream retention runs
 */
public record FeedOptions(int clientQueue, Duration writeTimeout, Duration keepAlive, Duration retryHint,
                          int writerThreads, int keepEvents, Duration keepTime, long alarmEntries,
                          Duration retentionEvery) {

    public static final FeedOptions DEFAULTS = new FeedOptions(1024, Duration.ofSeconds(10), Duration.ofSeconds(2),
            Duration.ofSeconds(2), 2, 1000, Duration.ofMinutes(30), 1_000_000, Duration.ofMinutes(1));

    public FeedOptions {
        if (clientQueue < 8 || writerThreads < 1 || keepEvents < 1 || alarmEntries < 1) {
            throw new IllegalArgumentException("feed options out of range");
        }
    }

    public FeedOptions withClientQueue(int frames, Duration timeout) {
        return new FeedOptions(frames, timeout, keepAlive, retryHint, writerThreads, keepEvents, keepTime,
                alarmEntries, retentionEvery);
    }

    /** These options keeping at least {@code events} and {@code time} of each stream, degraded past {@code alarm}. */
    public FeedOptions withStream(int events, Duration time, long alarm) {
        return new FeedOptions(clientQueue, writeTimeout, keepAlive, retryHint, writerThreads, events, time, alarm,
                retentionEvery);
    }

    public FeedOptions withKeepAlive(Duration interval) {
        return new FeedOptions(clientQueue, writeTimeout, interval, retryHint, writerThreads, keepEvents, keepTime,
                alarmEntries, retentionEvery);
    }
}
