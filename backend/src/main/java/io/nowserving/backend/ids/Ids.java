package io.nowserving.backend.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Every random value of the backend: ULIDs for tickets, users and devices (time-ordered, 26 characters),
 * opaque tokens (256 bits), epochs; and the SHA-256 under which tokens are stored. All from SecureRandom,
 * never from Lua (whose math.random repeats itself).
 */
public final class Ids {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");
    private static final Pattern CONFIG_ID = Pattern.compile("[a-z0-9-]{1,32}");

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    /** A new ULID: 48 bits of milliseconds, then 80 random bits, in Crockford base32. */
    public String ulid() {
        long ms = clock.millis();
        byte[] r = new byte[10];
        random.nextBytes(r);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[9 - i] = CROCKFORD[(int) (ms >>> (i * 5)) & 31];
        }
        // 80 random bits -> 16 characters
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (r[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (r[i] & 0xff);
        }
        for (int i = 0; i < 8; i++) {
            out[10 + i] = CROCKFORD[(int) (hi >>> ((7 - i) * 5)) & 31];
            out[18 + i] = CROCKFORD[(int) (lo >>> ((7 - i) * 5)) & 31];
        }
        return new String(out);
    }

    /** An unguessable opaque token: 256 random bits, URL-safe base64 without padding. */
    public String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A new epoch name: 60 random bits as 12 lower-case base32 characters. */
    public String epoch() {
        long v = random.nextLong();
        char[] out = new char[12];
        for (int i = 0; i < 12; i++) {
            out[i] = Character.toLowerCase(CROCKFORD[(int) (v >>> (i * 5)) & 31]);
        }
        return new String(out);
    }

    /** Hex SHA-256 of the UTF-8 text: how tokens and customer keys are stored. */
    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    public static boolean isUlid(String s) {
        return s != null && ULID.matcher(s).matches();
    }

    /** Ids of branches, services and counters: {@code [a-z0-9-]{1,32}}. */
    public static boolean isConfigId(String s) {
        return s != null && CONFIG_ID.matcher(s).matches();
    }
}
