package io.nowserving.desktop.common;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/** How long a PCM WAV clip plays, read from its header (byte rate and data size). */
public final class WavDuration {
    private WavDuration() {
    }

    /** Milliseconds, or {@code fallbackMs} when the header cannot be read. */
    public static long millis(URL wav, long fallbackMs) {
        try (InputStream raw = wav.openStream(); DataInputStream in = new DataInputStream(raw)) {
            byte[] header = in.readNBytes(12);
            if (header.length < 12 || !"RIFF".equals(new String(header, 0, 4)) ||
                    !"WAVE".equals(new String(header, 8, 4))) {
                return fallbackMs;
            }
            long byteRate = 0;
            while (true) {
                byte[] id = in.readNBytes(4);
                if (id.length < 4) {
                    return fallbackMs;
                }
                long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                String chunk = new String(id);
                if ("fmt ".equals(chunk)) {
                    byte[] fmt = in.readNBytes((int) size);
                    byteRate = (fmt[8] & 0xffL) | (fmt[9] & 0xffL) << 8 | (fmt[10] & 0xffL) << 16
                            | (fmt[11] & 0xffL) << 24;
                } else if ("data".equals(chunk)) {
                    return byteRate == 0 ? fallbackMs : size * 1000 / byteRate;
                } else {
                    in.skipNBytes(size + (size & 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return fallbackMs;
        }
    }
}
