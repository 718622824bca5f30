package io.tradingstack.ordermanager.halt;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the order manager decides new orders, and who last switched that, when and why: the
 * kill switch's state. A switch is journaled, so a halt survives a restart; the state a journal
 * never switched is {@link #RUNNING}.
 *
 * @param halted true while no new order is decided (each is REJECTED {@code TRADING_HALTED})
 * @param by     the operator who switched it (the authenticated name), null for {@link #RUNNING}
 * @param ts     when it was switched, epoch nanoseconds; 0 for {@link #RUNNING}
 * @param reason the operator's words, null for {@link #RUNNING}
 */
public record TradingState(boolean halted, String by, long ts, String reason) {

    /** Trading as it starts on a journal that was never halted. */
    public static final TradingState RUNNING = new TradingState(false, null, 0, null);

    public TradingState {
        if (ts != 0) {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static TradingState halted(String by, long ts, String reason) {
        return new TradingState(true, by, ts, reason);
    }

    public static TradingState released(String by, long ts, String reason) {
        return new TradingState(false, by, ts, reason);
    }

    /** {@code HALTED} or {@code RUNNING}: what health and the REST API call it. */
    public String name() {
        return halted ? "HALTED" : "RUNNING";
    }

    /** When it was switched, null when it never was. */
    public Instant switchedAt() {
        return ts == 0 ? null : Instant.ofEpochSecond(0, ts);
    }

    /** The context a rejection carries in the order log. */
    public String describe() {
        return "haltedBy=" + by + " haltedAt=" + switchedAt() + " haltReason=" + reason;
    }
}
