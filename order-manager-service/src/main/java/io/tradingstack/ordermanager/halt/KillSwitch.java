package io.tradingstack.ordermanager.halt;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.engine.OrderEngine;
import io.tradingstack.ordermanager.engine.OrderEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's kill switch: halts new orders (each is then REJECTED {@code TRADING_HALTED}) and
 * releases them, in turn with the orders being decided, journaled so that a restart comes up in
 * the same state. Each switch is logged once with who did it and why.
 */
public final class KillSwitch {

    private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

    private final OrderEntry entry;
    private final EpochNanoClock clock;

    public KillSwitch(OrderEntry entry, EpochNanoClock clock) {
        this.entry = entry;
        this.clock = clock;
    }

    /** The state now: any thread. */
    public TradingState state() {
        return entry.tradingState();
    }

    /** Halts new orders; halting a halted desk records the new reason and operator. */
    public OrderEngine.Switched halt(String by, String reason) throws InterruptedException {
        OrderEngine.Switched switched = entry.switchTrading(TradingState.halted(by, clock.epochNanos(), reason));
        if (switched == OrderEngine.Switched.JOURNALED) {
            log.warn("Trading HALTED by {}: {}. Every new order is REJECTED TRADING_HALTED until it is released.", by, reason);
        } else {
            log.error("Trading HALTED by {}: {}, but the journal has failed, so the halt is not recorded and holds only"
                + " until this process stops.", by, reason);
        }
        return switched;
    }

    /** Releases trading; releasing a running desk records it and changes nothing else. */
    public OrderEngine.Switched release(String by, String reason) throws InterruptedException {
        OrderEngine.Switched switched = entry.switchTrading(TradingState.released(by, clock.epochNanos(), reason));
        if (switched == OrderEngine.Switched.JOURNALED) {
            log.warn("Trading released by {}: {}. New orders are decided again.", by, reason);
        } else {
            log.error("Trading release by {} refused: the journal has failed, so no order is decided until a restart.", by);
        }
        return switched;
    }
}
