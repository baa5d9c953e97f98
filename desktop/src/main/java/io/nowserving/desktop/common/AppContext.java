package io.nowserving.desktop.common;

import io.nowserving.shared.client.NowServingClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What every app is given by the launcher: its settings, the backend's URL, the one door to the FX thread, the
 * background executor and the clock. {@code remember} saves a changed choice into the settings file.
 */
public record AppContext(DesktopSettings settings, String backendUrl, FxThread fx, Background background,
                         Clock clock, UnaryOperator<DesktopSettings> remember) {

    /** A new client of the backend (close it with the app); feeds notice a silent connection within 5 s. */
    public NowServingClient client() {
        return NowServingClient.builder(backendUrl).feedSilence(Duration.ofSeconds(5))
                .feedBackoff(Duration.ofMillis(250), Duration.ofSeconds(3)).build();
    }

    public Messages messages(String bundle) {
        return Messages.of(bundle, settings.locale());
    }

    public Problems problems() {
        return new Problems(Messages.of(settings.locale()));
    }
}
