package io.nowserving.desktop.admin.config;

import io.nowserving.backend.testing.TestBackend;
import io.nowserving.desktop.testing.Fx;
import io.nowserving.shared.client.NowServingClient;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The Configuration screen in a window of its own, signed in to a test backend, and the tests' ways to drive it. */
final class ConfigWindow implements AutoCloseable {
    final NowServingClient client;
    final ConfigurationScreen screen;
    final Stage stage;

    private ConfigWindow(NowServingClient client, ConfigurationScreen screen, Stage stage) {
        this.client = client;
        this.screen = screen;
        this.stage = stage;
    }

    /** Opened as {@code token}'s user at branch main, {@code w}×{@code h}, once its configuration is shown. */
    static ConfigWindow open(TestBackend backend, String token, boolean owner, Locale locale, int w, int h) {
        NowServingClient client = NowServingClient.builder("http://127.0.0.1:" + backend.port()).bearerToken(token)
                .build();
        ConfigWindow window = Fx.call(() -> {
            ConfigurationScreen screen = ConfigurationScreen.open(client, "main", owner, locale);
            Stage stage = new Stage();
            stage.setScene(new Scene(screen.root(), w, h));
            stage.show();
            return new ConfigWindow(client, screen, stage);
        });
        waitFor(() -> !window.<TableView<?>>node("#services").getItems().isEmpty());
        return window;
    }

    /** The owner's screen in English at 1280×800. */
    static ConfigWindow asOwner(TestBackend backend) {
        return open(backend, backend.ownerToken(), true, Locale.ENGLISH, 1280, 800);
    }

    /** The node at {@code selector}; on the FX thread or off it. */
    @SuppressWarnings("unchecked")
    <T extends Node> T node(String selector) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            return (T) stage.getScene().getRoot().lookup(selector);
        }
        return Fx.call(() -> (T) stage.getScene().getRoot().lookup(selector));
    }

    void tab(String id) {
        Fx.run(() -> {
            TabPane tabs = (TabPane) stage.getScene().getRoot().lookup("#config-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getId().equals("tab-" + id))
                    .findFirst().orElseThrow());
        });
        Fx.settle();
    }

    void type(String selector, String text) {
        Fx.run(() -> ((TextField) stage.getScene().getRoot().lookup(selector)).setText(text));
    }

    void press(String selector) {
        Fx.run(() -> {
            Button b = (Button) stage.getScene().getRoot().lookup(selector);
            if (b.isDisabled()) {
                throw new AssertionError(selector + " is disabled");
            }
            b.fire();
        });
    }

    String text(String selector) {
        return Fx.call(() -> ((Label) stage.getScene().getRoot().lookup(selector)).getText());
    }

    /** Chooses the row of table {@code selector} that {@code matches}. */
    <T> void choose(String selector, java.util.function.Predicate<T> matches) {
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TableView<T> t = (TableView<T>) stage.getScene().getRoot().lookup(selector);
            t.getSelectionModel().select(t.getItems().stream().filter(matches).findFirst().orElseThrow());
        });
    }

    /** Waits for a line in the outcome bar: the problem or the notice. */
    void waitForOutcome(String selector, String expected) {
        waitFor(() -> expected.equals(text(selector)), () -> selector + " shows '" + text(selector) + "'");
    }

    static void waitFor(Callable<Boolean> condition) {
        waitFor(condition, () -> "");
    }

    static void waitFor(Callable<Boolean> condition, java.util.function.Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not there in 20 s " + what.get(), e);
        }
    }

    @Override
    public void close() {
        Fx.run(() -> {
            screen.close();
            stage.hide();
        });
        client.close();
    }
}
