package io.nowserving.desktop.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopAddressTest {
    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ShopAddress.Interface nic(String name, String... addresses) {
        return new ShopAddress.Interface(name, true, name.equals("lo"), false,
                java.util.Arrays.stream(addresses).map(ShopAddressTest::ip).toList());
    }

    @Test
    void theShopsWifiAddressWinsOverContainerBridgesAndPublicAddresses() {
        Optional<InetAddress> chosen = ShopAddress.choose(List.of(nic("lo", "127.0.0.1"),
                nic("docker0", "172.17.0.1"), nic("eth1", "203.0.113.9"), nic("wlan0", "fe80::1", "192.168.1.23")));
        assertEquals(Optional.of(ip("192.168.1.23")), chosen);
    }

    @Test
    void anotherRoutableAddressServesWhenThereIsNoSiteLocalOne() {
        assertEquals(Optional.of(ip("192.0.2.2")), ShopAddress.choose(List.of(nic("lo", "127.0.0.1"),
                nic("eth0", "192.0.2.2"))));
    }

    @Test
    void onlyLoopbackAndLinkLocalMeansNoAddressForPhones() {
        assertEquals(Optional.empty(), ShopAddress.choose(List.of(nic("lo", "127.0.0.1", "::1"),
                nic("eth0", "169.254.10.20"))));
    }

    @Test
    void interfacesThatAreDownAreIgnored() {
        ShopAddress.Interface down = new ShopAddress.Interface("eth0", false, false, false, List.of(ip("10.0.0.5")));
        assertEquals(Optional.empty(), ShopAddress.choose(List.of(down)));
    }
}
