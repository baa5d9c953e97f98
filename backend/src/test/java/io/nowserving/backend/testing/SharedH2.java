package io.nowserving.backend.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/** An H2 TCP server that several backend instances share, as several instances on one machine do. */
public final class SharedH2 implements AutoCloseable {
    private final Server server;

    private SharedH2(Server server) {
        this.server = server;
    }

    public static SharedH2 start(Path baseDir) {
        try {
            return new SharedH2(Server.createTcpServer("-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir",
                    baseDir.toString()).start());
        } catch (SQLException e) {
            throw new IllegalStateException("could not start an H2 TCP server", e);
        }
    }

    /** The JDBC URL of database {@code name} on this server (user sa, empty password). */
    public String url(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + name;
    }

    @Override
    public void close() {
        server.stop();
    }
}
