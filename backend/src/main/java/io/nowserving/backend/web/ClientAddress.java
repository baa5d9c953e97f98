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

    /**
     * The block an address stands for when counting or limiting clients: an IPv4 address itself, an IPv6 address its
     * /64 (the block one subscriber usually holds, so walking through it does not escape a limit).
     */
    public static String block(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "" : address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(literalOnly(address)).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** An IPv6 literal never resolves a name; strip a zone id and brackets. */
    private static String literalOnly(String address) {
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = a.indexOf('%');
        return zone < 0 ? a : a.substring(0, zone);
    }
}
