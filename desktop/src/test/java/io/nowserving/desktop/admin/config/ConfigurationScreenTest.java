package io.nowserving.desktop.admin.config;

import static io.nowserving.desktop.admin.config.ConfigWindow.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.common.AppContext;
import io.nowserving.desktop.common.Background;
import io.nowserving.desktop.common.DesktopSettings;
import io.nowserving.desktop.common.FxThread;
import io.nowserving.desktop.common.Mode;
import io.nowserving.desktop.kiosk.KioskApp;
import io.nowserving.desktop.kiosk.QrDecode;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.api.StaffUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The Configuration screen against a real backend started in the test, as an owner and as an admin. */
class ConfigurationScreenTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    @Test
    void aServiceAddedHereAppearsOnARunningKioskAtOnce() {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             Background background = Background.start("kiosk-test", FxThread.platform())) {
            String url = "http://127.0.0.1:" + backend.port();
            DesktopSettings settings = new DesktopSettings(Mode.KIOSK, Optional.of(url), Optional.of("main"),
                    Optional.empty(), Optional.of(backend.createDevice("main", "kiosk")), Locale.ENGLISH, 0, false,
                    List.of(), dir);
            Stage kioskStage = Fx.call(Stage::new);
            KioskApp kiosk = Fx.call(() -> KioskApp.open(kioskStage, new AppContext(settings, url,
                    FxThread.platform(), background, Clock.systemUTC(), s -> s)));
            try (ConfigWindow config = ConfigWindow.asOwner(backend)) {
                waitFor(() -> Fx.call(() -> kioskStage.getScene().getRoot().lookup("#service-a") != null));
                assertEquals(null, Fx.call(() -> kioskStage.getScene().getRoot().lookup("#service-passports")));
                config.type("#service-id", "passports");
                config.type("#service-name", "Passports");
                config.type("#service-prefix", "P");
                config.type("#service-capacity", "50");
                config.type("#service-target", "15");
                config.type("#service-grace", "2.5");
                new FxRobot().clickOn(config.<javafx.scene.Node>node("#service-add"));

                waitFor(() -> Fx.call(() -> kioskStage.getScene().getRoot().lookup("#service-passports") != null),
                        () -> "the kiosk shows no button for the new service");
                config.waitForOutcome("#config-notice", "Service Passports is added. Kiosks and displays show it "
                        + "now.");
                JsonNode added = service(backend, "passports");
                assertEquals("P", added.get("prefix").asText());
                assertEquals(50, added.get("dailyCapacity").asInt());
                assertEquals(900, added.get("targetWaitSeconds").asInt());
                assertEquals(150, added.get("noShowGraceSeconds").asInt());

                assertEquals(200, backend.owner("PUT", "/api/v1/branches/main/services/b", "{\"name\":\"Accounts\","
                        + "\"prefix\":\"B\",\"targetWaitSeconds\":600,\"noShowGraceSeconds\":300}").status());
                waitFor(() -> Fx.call(() -> config.<TableView<BranchConfiguration.Service>>node("#services")
                        .getItems().stream().anyMatch(s -> s.name().equals("Accounts"))),
                        () -> "a change made elsewhere does not show");
            } finally {
                Fx.run(kiosk::close);
            }
        }
    }

    @Test
    void aBadValueShowsTheBackendsSentenceAndChangesNothing() {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             ConfigWindow config = ConfigWindow.asOwner(backend)) {
            long version = version(backend);
            config.type("#service-id", "extra");
            config.type("#service-name", "Extra");
            config.type("#service-prefix", "X");
            config.type("#service-capacity", "0");
            config.press("#service-add");
            config.waitForOutcome("#config-problem", "Tickets per day: must be at least 1.");

            config.type("#service-capacity", "");
            config.type("#service-prefix", "A");
            config.press("#service-add");
            config.waitForOutcome("#config-problem", "Letter: A is already the letter of service a. Choose another "
                    + "letter.");
            assertEquals(version, version(backend), "nothing changed");
            assertEquals(null, service(backend, "extra"));

            config.type("#service-id", "b");
            config.type("#service-prefix", "Q");
            config.press("#service-add");
            config.waitForOutcome("#config-problem", "Id: there is already one with the id b. Choose it in the "
                    + "list to change it.");

            assertEquals(201, backend.issue("main", "b").status());
            config.<BranchConfiguration.Service>choose("#services", s -> s.id().equals("b"));
            config.press("#service-delete");
            config.waitForOutcome("#confirm-question", "Delete the service Account services? Counters stop calling "
                    + "from it.");
            config.press("#confirm-yes");
            config.waitForOutcome("#config-problem", "People are still waiting for this service.");
            assertEquals("", config.text("#confirm-question"), "the question is answered");
            assertTrue(service(backend, "b") != null, "the service is still there");
            assertEquals(version, version(backend), "nothing changed");
        }
    }

    @Test
    void anOwnerSetsOpeningHoursClosedDaysAndRemoteQueueing() {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             ConfigWindow config = ConfigWindow.asOwner(backend)) {
            config.tab("hours");
            config.type("#hours-mon", "08:00-12:00, 11:00-13:00");
            config.press("#hours-save");
            config.waitForOutcome("#config-problem", "Monday: two opening times overlap.");

            config.type("#hours-mon", "8:30-12:00, 13:00-17:30");
            config.type("#hours-sun", "");
            long before = version(backend);
            assertEquals(200, backend.owner("PUT", "/api/v1/branches/main/counters/9", "{\"name\":\"Counter 9\","
                    + "\"services\":[\"a\"]}").status());
            waitFor(() -> Fx.call(() -> config.<TableView<?>>node("#counters").getItems().size() == 4),
                    () -> "the counter added elsewhere does not show");
            assertTrue(version(backend) > before);
            assertEquals("8:30-12:00, 13:00-17:30", Fx.call(() -> config.<TextField>node("#hours-mon").getText()),
                    "a change elsewhere keeps what is typed here");
            Fx.run(() -> {
                config.<javafx.scene.control.DatePicker>node("#closed-day-picker").setValue(
                        java.time.LocalDate.of(2026, 12, 25));
                config.<javafx.scene.control.CheckBox>node("#remote-queueing").setSelected(false);
            });
            config.press("#closed-day-add");
            config.press("#hours-save");
            config.waitForOutcome("#config-notice", "Saved. Every screen shows the change now.");
            JsonNode saved = config(backend);
            assertEquals("[[\"08:30\",\"12:00\"],[\"13:00\",\"17:30\"]]", saved.get("openingHours").get("mon")
                    .toString());
            assertEquals("[]", saved.get("openingHours").get("sun").toString());
            assertEquals("[\"2026-12-25\"]", saved.get("closedDays").toString());
            assertFalse(saved.get("remoteQueueing").asBoolean());
        }
    }

    @Test
    void anAdminRegistersADeviceSeesItsTokenOnceAsAQrCodeAndRevokesIt() throws Exception {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"))) {
            backend.createUser("manager", "manager-password-1", "admin", "main");
            String admin = TestBackend.tokenOf(backend.login("manager", "manager-password-1"));
            try (ConfigWindow config = ConfigWindow.open(backend, admin, false, Locale.ENGLISH, 1280, 800)) {
                assertTrue(Fx.call(() -> ((TabPane) config.node("#config-tabs")).getTabs().stream()
                        .noneMatch(t -> t.getId().equals("tab-users"))), "users are for owners");
                config.tab("devices");
                config.type("#device-name", "Door kiosk");
                config.press("#device-register");
                waitFor(() -> Fx.call(() -> config.<VBox>node("#token-panel").isVisible()));
                String token = Fx.call(() -> config.<TextField>node("#device-token").getText());
                assertFalse(token.isBlank());
                assertEquals(token, QrDecode.of(Fx.call(() -> config.<ImageView>node("#device-qr").getImage())));
                assertEquals(200, backend.sendAs(token, "GET", "/api/v1/branches/main/presence", null).status(),
                        "the token shown is the kiosk's");
                waitFor(() -> Fx.call(() -> config.<TableView<Device>>node("#devices").getItems().stream()
                        .anyMatch(d -> d.name().equals("Door kiosk") && d.token() == null)));

                config.press("#token-done");
                assertFalse(Fx.call(() -> config.<VBox>node("#token-panel").isVisible()));
                assertEquals("", Fx.call(() -> config.<TextField>node("#device-token").getText()),
                        "the token is not kept on screen");

                config.<Device>choose("#devices", d -> d.name().equals("Door kiosk"));
                config.press("#device-revoke");
                config.waitForOutcome("#confirm-question", "Revoke Door kiosk? It stops working at once.");
                config.press("#confirm-yes");
                config.waitForOutcome("#config-notice", "Door kiosk is revoked and can no longer connect.");
                waitFor(() -> Fx.call(() -> config.<TableView<Device>>node("#devices").getItems().stream()
                        .noneMatch(d -> d.name().equals("Door kiosk"))));
                assertEquals(401, backend.sendAs(token, "GET", "/api/v1/branches/main/presence", null).status());
            }
        }
    }

    @Test
    void aUserCreatedByAnOwnerCanSignInUntilDisabled() {
        try (TestBackend backend = TestBackend.start(dir.resolve("backend"));
             ConfigWindow config = ConfigWindow.asOwner(backend)) {
            config.tab("users");
            config.type("#user-name", "clerk2");
            config.type("#user-password", "short");
            config.press("#user-create");
            config.waitForOutcome("#config-problem", "Password: use at least 10 characters.");

            config.type("#user-password", "temporary-pass-1");
            config.press("#user-create");
            config.waitForOutcome("#config-notice", "User clerk2 is created.");
            TestBackend.Reply login = backend.login("clerk2", "temporary-pass-1");
            assertEquals(200, login.status(), login.body()::toString);
            assertTrue(login.body().get("mustChangePassword").asBoolean(), "the password is temporary");

            waitFor(() -> Fx.call(() -> config.<TableView<StaffUser>>node("#users").getItems().stream()
                    .anyMatch(u -> u.username().equals("clerk2"))));
            config.<StaffUser>choose("#users", u -> u.username().equals("clerk2"));
            config.press("#user-toggle");
            config.waitForOutcome("#config-notice", "User clerk2 is disabled.");
            assertNotEquals(200, backend.login("clerk2", "temporary-pass-1").status());
        }
    }

    /** The branch's configuration as the backend answers it. */
    static JsonNode config(TestBackend backend) {
        return backend.owner("GET", "/api/v1/branches/main/config", null).body();
    }

    static long version(TestBackend backend) {
        return config(backend).get("version").asLong();
    }

    static JsonNode service(TestBackend backend, String id) {
        for (JsonNode s : config(backend).get("services")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
