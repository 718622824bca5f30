package io.tradingstack.strategy.signal;

import io.tradingstack.pricebook.SlotStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A {@link StrategyContext} whose positions, pending orders and slot statuses the test sets. */
final class FakeContext implements StrategyContext {

    final Map<String, Long> positions = new HashMap<>();
    final Set<String> pending = new HashSet<>();
    final Map<String, SlotStatus> statuses = new HashMap<>();
    final Map<String, Long> mids = new HashMap<>();
    long now = 1_000_000_000L;

    @Override
    public long position(String symbol) {
        return positions.getOrDefault(symbol, 0L);
    }

    @Override
    public boolean orderPending(String symbol) {
        return pending.contains(symbol);
    }

    @Override
    public long freshMid(String symbol) {
        return priceStatus(symbol) == SlotStatus.FRESH ? mids.getOrDefault(symbol, 100_00000000L) : NO_PRICE;
    }

    @Override
    public SlotStatus priceStatus(String symbol) {
        return statuses.getOrDefault(symbol, SlotStatus.FRESH);
    }

    @Override
    public long nowNanos() {
        return now;
    }
}
