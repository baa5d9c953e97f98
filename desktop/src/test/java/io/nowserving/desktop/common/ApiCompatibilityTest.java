package io.nowserving.desktop.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.nowserving.shared.api.VersionInfo;
import io.nowserving.shared.client.NowServingClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every app checks the backend's API generation at start and says plainly which side needs updating. */
class ApiCompatibilityTest {
    private static Optional<String> checkAgainst(int api) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/version", ex -> {
            byte[] body = ("{\"version\":\"9.9.9\",\"api\":" + api + "}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (NowServingClient client = NowServingClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
                .build()) {
            return ApiCompatibility.check(client, Messages.of(Locale.ENGLISH));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theSameApiGenerationPasses() throws Exception {
        assertEquals(Optional.empty(), checkAgainst(VersionInfo.API));
    }

    @Test
    void aNewerBackendAsksToUpdateTheAppAndAnOlderOneTheServer() throws Exception {
        assertEquals(Optional.of("This app is too old for the server (version 9.9.9, API " + (VersionInfo.API + 1)
                + "; the app speaks API " + VersionInfo.API + "). Please update the app."), checkAgainst(VersionInfo.API + 1));
        assertEquals(Optional.of("The server is too old for this app (version 9.9.9, API " + (VersionInfo.API - 1)
                + "; the app speaks API " + VersionInfo.API + "). Please update the server."), checkAgainst(VersionInfo.API - 1));
    }
}
