package io.nowserving.backend.auth;

import io.lettuce.core.api.sync.RedisCommands;
import io.nowserving.backend.ids.Ids;
import io.nowserving.backend.redis.RedisKeys;
import io.nowserving.backend.web.ClientAddress;

/**
 * Client addresses as they may be stored: SHA-256 of a secret pepper and the address. The pepper is made once
 * (SecureRandom, shared by all instances through Redis), so a hashed IPv4 address cannot be looked up by trying
 * all four billion. An IPv6 address counts as its /64 ({@link ClientAddress#block}): rate limits and lock-outs
 * hold for the whole block a subscriber gets, and Redis holds one key per block, not one per address of it.
 */
final class AddressHashes {
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final Ids ids;
    private volatile String pepper;

    AddressHashes(RedisCommands<String, String> redis, RedisKeys keys, Ids ids) {
        this.redis = redis;
        this.keys = keys;
        this.ids = ids;
    }

    String of(String address) {
        return Ids.sha256(pepper() + "\n" + ClientAddress.block(address));
    }

    private String pepper() {
        String p = pepper;
        if (p == null) {
            redis.setnx(keys.addressPepper(), ids.token());
            p = redis.get(keys.addressPepper());
            pepper = p;
        }
        return p;
    }
}
