package io.nowserving.desktop.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one mode: the launcher's own backend, with the embedded Redis and H2 in its data directory. */
class EmbeddedBackendTest {
    @Test
    void startsWithTheEmbeddedDefaultsAndPutsTheShopAddressInTheQrCodes(@TempDir Path data) throws Exception {
        try (EmbeddedBackend b = EmbeddedBackend.start(data, Map.of("NOWSERVING_HTTP_PORT", "0",
                "NOWSERVING_PASSWORD_COST", "1", "NOWSERVING_SHUTDOWN_GRACE_MS", "100"))) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(b.localUrl() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            String phones = b.phoneUrl().orElseThrow();
            var shop = ShopAddress.find();
            assertEquals(shop.isPresent(), b.reachableByPhones());
            shop.ifPresent(a -> assertTrue(phones.startsWith("http://" + a.getHostAddress() + ":"), phones));
            assertFalse(phones.contains("localhost"), phones);
            assertTrue(b.adminPasswordFile().orElseThrow().endsWith("admin-password.txt"),
                    "a first start says where the generated password is");
            assertTrue(data.resolve("admin-password.txt").toFile().exists());
        }
    }
}
