package io.tradingstack.ordermanager.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The configured strategy tokens. A token is compared in constant time
 * ({@link MessageDigest#isEqual}), and an unknown strategy is compared against a dummy of its
 * own, so neither the time nor the answer tells which part was wrong.
 */
final class StrategyTokens {

    private static final byte[] UNKNOWN = "no such strategy: compare against something all the same".getBytes(StandardCharsets.UTF_8);

    private final Map<String, byte[]> tokens = new HashMap<>();

    StrategyTokens(Map<String, String> tokensByStrategy) {
        tokensByStrategy.forEach((strategy, token) -> tokens.put(strategy, token.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when tokens are configured, so every connection must log on first. */
    boolean required() {
        return !tokens.isEmpty();
    }

    boolean matches(String strategyId, String token) {
        byte[] expected = tokens.get(strategyId);
        boolean known = expected != null;
        boolean equal = MessageDigest.isEqual(known ? expected : UNKNOWN, token.getBytes(StandardCharsets.UTF_8));
        return known & equal;
    }
}
