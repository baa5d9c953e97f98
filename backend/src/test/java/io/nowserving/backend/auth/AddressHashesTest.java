package io.nowserving.backend.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisConnection;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.testing.TestRedis;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Addresses are stored hashed, an IPv6 address as its /64: walking through a /64 does not escape a limit. */
class AddressHashesTest {
    private static RedisConnection redis;
    private static AddressHashes hashes;

    @BeforeAll
    static void connect() {
        redis = RedisConnection.connect(TestRedis.url());
        hashes = new AddressHashes(redis.sync(), new RedisKeys(TestRedis.randomPrefix()), new Ids(Clock.systemUTC()));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertEquals(hashes.of("2001:db8:1:2::1"), hashes.of("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertEquals(hashes.of("2001:db8:1:2::1"), hashes.of("[2001:db8:1:2:0:0:0:9]"));
        assertNotEquals(hashes.of("2001:db8:1:2::1"), hashes.of("2001:db8:1:3::1"));
    }

    @Test
    void ipv4AddressesStayApartAndNothingIsStoredInTheClear() {
        assertNotEquals(hashes.of("192.0.2.1"), hashes.of("192.0.2.2"));
        assertEquals(64, hashes.of("192.0.2.1").length());
    }
}
