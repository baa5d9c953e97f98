package io.nowserving.backend.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;

/**
 * The instance's Redis client: one multiplexed connection for commands and scripts (Lettuce is thread-safe),
 * RESP2 (Redis 5.0 has no RESP3), reconnecting by itself; scripts are never re-sent by Lettuce (see
 * {@link ScriptRunner}). Pub/Sub and blocking reads get their own connections.
 */
public final class RedisConnection implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisConnection(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    /** Connects to a {@code redis://} or {@code rediss://} URL (TLS trusting the JVM's certificate authorities). */
    public static RedisConnection connect(String url) {
        return connect(url, java.util.Optional.empty());
    }

    /**
     * Connects to a {@code redis://} or {@code rediss://} URL ({@code rediss://user:password@host:port} for an ACL
     * user); with {@code caFile} (PEM) a TLS server's certificate must chain to those authorities instead.
     */
    public static RedisConnection connect(String url, java.util.Optional<java.nio.file.Path> caFile) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(true)
                // a plain command in flight when the connection drops, or sent while it is down, goes out once
                // it is back (within the command time-out), so a lost answer to another command is no 503 here
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                // a script whose answer was lost is never sent again by Lettuce on reconnecting (that would run it
                // before the epoch check): ScriptRunner sends the same execution again through the EpochGate
                .replayFilter(c -> c.getType() == CommandType.EVALSHA || c.getType() == CommandType.EVAL)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(3)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .sslOptions(caFile.map(ca -> io.lettuce.core.SslOptions.builder().jdkSslProvider()
                        .trustManager(ca.toFile()).build()).orElseGet(io.lettuce.core.SslOptions::create))
                .build());
        try {
            return new RedisConnection(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
