package io.nowserving.backend.line;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The ticket tokens of LINE tickets, derived rather than kept: HMAC-SHA256 (a key derived from the channel
 * secret) of branch, service and LINE user. The webhook can so read and cancel its users' tickets as their holder
 * without a token stored anywhere (Redis and SQL keep only its hash, as for every ticket). Asking again for a ticket
 * held rotates the token to the same value; a new channel secret makes earlier LINE tickets unreachable by LINE
 * (the tracking links sent still work until the ticket is asked for again).
 */
public final class LineTokens {
    private final byte[] key;

    public LineTokens(String channelSecret) {
        this.key = LineSignature.hmac(channelSecret.getBytes(StandardCharsets.UTF_8),
                "nowserving line ticket tokens v1".getBytes(StandardCharsets.UTF_8));
    }

    /** 256 bits, base64url without padding (43 characters), like every ticket token. */
    public String of(String branch, String service, String lineUserId) {
        byte[] mac = LineSignature.hmac(key, (branch + "\n" + service + "\n" + lineUserId)
                .getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
