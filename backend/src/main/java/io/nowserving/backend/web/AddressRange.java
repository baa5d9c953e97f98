package io.nowserving.backend.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code ::1}), for NOWSERVING_TRUSTED_PROXIES. */
public record AddressRange(byte[] network, int bits) {

    /** Parses an address or CIDR range given as a literal (never a host name: no DNS at start-up). */
    public static AddressRange parse(String text) {
        String[] parts = text.split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("NOWSERVING_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR range");
        }
        byte[] address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("NOWSERVING_TRUSTED_PROXIES: bad address '" + text + "'"));
        int bits = address.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("NOWSERVING_TRUSTED_PROXIES: bad prefix length in '" + text + "'");
            }
        }
        return new AddressRange(address, bits);
    }

    public boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    private boolean contains(byte[] a) {
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal; empty for anything else (InetAddress would resolve a host name). */
    static java.util.Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.\\[\\]]+")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
