package io.nowserving.backend.events.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Server-sent-event frames as bytes, built once and shared by every client that receives them. Data is always
 * one line of compact JSON.
 */
public final class SseFrames {
    public static final byte[] KEEP_ALIVE = comment("keep-alive");

    private SseFrames() {
    }

    public static byte[] event(String id, String type, String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        return b.append("event: ").append(type).append("\ndata: ").append(json).append("\n\n").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A reconnection hint, with a comment saying why. */
    public static byte[] retry(long ms, String why) {
        return (": " + why + "\nretry: " + ms + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Several frames as one write (a replay is queued as one entry). */
    public static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
