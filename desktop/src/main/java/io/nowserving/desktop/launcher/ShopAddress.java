package io.nowserving.desktop.launcher;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The PC's address on the shop's network, which phones reach to follow the QR code: preferably a site-local IPv4
 * address (10/8, 172.16/12, 192.168/16) of an interface that is up and not a container bridge or VPN tunnel; else
 * any other routable IPv4 address of such an interface; else a virtual one. Empty when the PC has only loopback
 * (and link-local) addresses: the launcher then warns that phones cannot reach it.
 */
final class ShopAddress {
    /** One network interface as far as this choice cares. */
    record Interface(String name, boolean up, boolean loopback, boolean virtual, List<InetAddress> addresses) {
    }

    private ShopAddress() {
    }

    static Optional<InetAddress> find() {
        try {
            List<Interface> all = new ArrayList<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.add(new Interface(ni.getName(), ni.isUp(), ni.isLoopback(), ni.isVirtual(),
                        Collections.list(ni.getInetAddresses())));
            }
            return choose(all);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    static Optional<InetAddress> choose(List<Interface> interfaces) {
        record Candidate(InetAddress address, int rank) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Interface ni : interfaces) {
            if (!ni.up() || ni.loopback()) {
                continue;
            }
            for (InetAddress a : ni.addresses()) {
                if (!(a instanceof Inet4Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()
                        || a.isAnyLocalAddress()) {
                    continue;
                }
                int rank = isVirtual(ni) ? 2 : a.isSiteLocalAddress() ? 0 : 1;
                candidates.add(new Candidate(a, rank));
            }
        }
        return candidates.stream().min(Comparator.comparingInt(Candidate::rank)).map(Candidate::address);
    }

    private static boolean isVirtual(Interface ni) {
        String n = ni.name();
        return ni.virtual() || n.startsWith("docker") || n.startsWith("veth") || n.startsWith("br-")
                || n.startsWith("virbr") || n.startsWith("tun") || n.startsWith("tap") || n.startsWith("vmnet")
                || n.startsWith("utun") || n.startsWith("wg");
    }
}
