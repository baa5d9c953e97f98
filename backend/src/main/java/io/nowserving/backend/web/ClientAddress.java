package io.nowserving.backend.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The client address of a request: the peer's, or, when the peer is a trusted proxy, the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. Never logged (DESIGN.md, invariant 6).
 */
public final class ClientAddress {
    private final List<AddressRange> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    String of(String peer, String forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (AddressRange.literal(hop).isEmpty()) {
                return peer; // garbage in the header: believe only what we saw
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].trim();
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(r -> r.contains(address));
    }
}
