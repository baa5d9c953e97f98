package io.nowserving.backend.notify;

import java.util.Optional;

/**
 * LINE and notifications: the channel secret and access token (LINE is off without both), the Messaging API's
 * base URL, the branch the LINE account serves, how many people ahead trigger the "your turn is near" message
 * (services without their own {@code notifyAhead}; 0: none),
 * LINE pushes per second (all instances together), and the generic signed webhook (off without a URL) with its
 * rate.
 */
public record NotifySettings(Optional<String> lineChannelSecret, Optional<String> lineAccessToken, String lineApiUrl,
                             String lineBranch, int ahead, int linePushPerSecond, Optional<String> webhookUrl,
                             Optional<String> webhookSecret, int webhookPerSecond) {
    public NotifySettings {
        if (lineChannelSecret.isPresent() != lineAccessToken.isPresent()) {
            throw new IllegalArgumentException("NOWSERVING_LINE_CHANNEL_SECRET and"
                    + " NOWSERVING_LINE_CHANNEL_ACCESS_TOKEN go together: set both or neither");
        }
        if (!lineApiUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("NOWSERVING_LINE_API_URL must be an http(s) URL, was " + lineApiUrl);
        }
        if (!lineBranch.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException("NOWSERVING_LINE_BRANCH must be a branch id, was " + lineBranch);
        }
        if (ahead < 0 || ahead > 100) {
            throw new IllegalArgumentException("NOWSERVING_NOTIFY_AHEAD must be 0..100 (0: no message), was " + ahead);
        }
        if (linePushPerSecond < 1 || linePushPerSecond > 10_000) {
            throw new IllegalArgumentException("NOWSERVING_LINE_PUSH_PER_SECOND must be 1..10000, was "
                    + linePushPerSecond);
        }
        if (webhookUrl.isPresent() && !webhookUrl.get().matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("NOWSERVING_NOTIFY_WEBHOOK_URL must be an http(s) URL");
        }
        if (webhookUrl.isPresent() && webhookSecret.map(String::length).orElse(0) < 16) {
            throw new IllegalArgumentException("NOWSERVING_NOTIFY_WEBHOOK_URL needs"
                    + " NOWSERVING_NOTIFY_WEBHOOK_SECRET of at least 16 characters");
        }
        if (webhookPerSecond < 1 || webhookPerSecond > 10_000) {
            throw new IllegalArgumentException("NOWSERVING_NOTIFY_WEBHOOK_PER_SECOND must be 1..10000, was "
                    + webhookPerSecond);
        }
    }

    /** Whether the LINE official account is configured (secret and token). */
    public boolean lineEnabled() {
        return lineChannelSecret.isPresent();
    }
}
