package io.nowserving.desktop.common;

import io.nowserving.shared.api.VersionInfo;
import io.nowserving.shared.client.NowServingClient;

/** The check every app makes at start: does the backend speak this build's API generation? */
public final class ApiCompatibility {
    private ApiCompatibility() {
    }

    /**
     * Empty when the backend speaks {@link VersionInfo#API}; otherwise the sentence to show (which side to update).
     * Network failures pass through as exceptions (the caller shows them as offline).
     */
    public static java.util.Optional<String> check(NowServingClient client, Messages words) {
        VersionInfo v = client.version();
        if (v.api() == VersionInfo.API) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(words.get(v.api() > VersionInfo.API ? "compat.updateApp" : "compat.updateBackend",
                v.version(), v.api(), VersionInfo.API));
    }
}
