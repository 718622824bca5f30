package io.tradingstack.ordermanager;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;

/**
 * Why an order was REJECTED: the {@code reason} of its execution and the {@code reason} tag of
 * {@code trading.orders}. The names are stable codes that clients and dashboards match on;
 * add, never rename. Grouped by the stage that decides them, in the order the stages run:
 * session, storage, halt, validation, risk, execution (as exchange-core's CommandResultCode).
 */
public enum RejectReason {

    // ---- session: the order against its connection and the orders seen before ----
    /** The order's {@code strategyId} is not the one its connection logged on as. */
    STRATEGY_MISMATCH(Stage.SESSION),
    /** The {@code clientOrderId} was used before by an order with other content; the original stands. */
    DUPLICATE_CLIENT_ORDER_ID(Stage.SESSION),
    /**
     * A {@code cancel} reached the order manager before the order: stored, it answers the cancel
     * and every later copy of the order, which is never filled.
     */
    CANCELLED(Stage.SESSION),

    // ---- storage: the journal that must hold an order before it is answered ----
    /**
     * The journal failed (a write or fsync): no new order is decided until the order manager is
     * restarted. Not stored, so its {@code clientOrderId} stays free, and nothing happened.
     */
    JOURNAL_UNAVAILABLE(Stage.STORAGE),

    // ---- halt: the operator's kill switch ----
    /**
     * Trading is halted (the kill switch, {@code POST /api/trading/halt}): no new order is decided
     * until it is released. Journaled like any decided rejection; a repeat of an order decided
     * before the halt still gets its original execution.
     */
    TRADING_HALTED(Stage.HALT),

    // ---- validation: the order on its own, and the book's price ----
    /** A number outside its allowed range, such as a limit price with more than 8 decimals (decoder). */
    OUT_OF_RANGE(Stage.VALIDATION),
    /** {@code side} is neither BUY nor SELL (decoder). */
    UNKNOWN_SIDE(Stage.VALIDATION),
    /** {@code symbol} is not 1–16 printable ASCII characters (decoder). */
    INVALID_SYMBOL(Stage.VALIDATION),
    /** {@code clientOrderId} is not 1–64 printable ASCII characters (decoder). */
    INVALID_CLIENT_ORDER_ID(Stage.VALIDATION),
    /** {@code strategyId} is not 1–64 printable ASCII characters (decoder). */
    INVALID_STRATEGY_ID(Stage.VALIDATION),
    /** The symbol is not one this order manager trades. */
    UNKNOWN_SYMBOL(Stage.VALIDATION),
    /** The book has no price for the symbol: not open yet, never written, or unreadable. */
    NO_PRICE(Stage.VALIDATION),
    /** The book's price for the symbol is older than the staleness limit. */
    STALE_PRICE(Stage.VALIDATION),
    /** Quantity outside 1..maxQuantity (0, negative and beyond 64 bits included). */
    QUANTITY_OUT_OF_RANGE(Stage.VALIDATION),
    /** The limit price is further from the mid than the collar allows. */
    LIMIT_OUTSIDE_COLLAR(Stage.VALIDATION),

    // ---- risk: the order against the whole book of orders ----
    /** The fill would take the symbol's absolute net position above the maximum. */
    POSITION_LIMIT(Stage.RISK),
    /** The fill would take the gross notional above the maximum. */
    NOTIONAL_LIMIT(Stage.RISK),
    /** The strategy sent more orders in the last second than allowed. */
    ORDER_RATE_LIMIT(Stage.RISK),

    // ---- execution: immediate-or-cancel against the book's top ----
    /** A limit buy below the ask, or a limit sell above the bid: nothing to fill now. */
    NOT_MARKETABLE(Stage.EXECUTION);

    /** The stage that decides a rejection. */
    public enum Stage {
        SESSION,
        /** Whether the order can be journaled at all; checked before it is decided. */
        STORAGE,
        /** Whether an operator has halted trading; checked before the order's own values. */
        HALT,
        VALIDATION,
        RISK,
        EXECUTION
    }

    private final Stage stage;

    RejectReason(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    /**
     * The rejection of an {@code order} or {@code cancel} frame that decoded to a value failure (a
     * well-formed order whose values break a rule). A quantity out of range is named by the
     * quantity rule, whichever stage caught it.
     *
     * @throws IllegalArgumentException for a protocol violation, which is no rejection
     */
    public static RejectReason of(DecodeError error) {
        if (error.isProtocolViolation()) {
            throw new IllegalArgumentException("reason=" + error.reason() + " is a protocol violation, not a rejection");
        }
        DecodeFailure failure = error.reason();
        return switch (failure) {
            case OUT_OF_RANGE -> "quantity".equals(error.field()) ? QUANTITY_OUT_OF_RANGE : OUT_OF_RANGE;
            case UNKNOWN_SIDE -> UNKNOWN_SIDE;
            case INVALID_SYMBOL -> INVALID_SYMBOL;
            case INVALID_CLIENT_ORDER_ID -> INVALID_CLIENT_ORDER_ID;
            case INVALID_STRATEGY_ID -> INVALID_STRATEGY_ID;
            // UNKNOWN_STATUS is an execution's field: never a failure of an order.
            default -> OUT_OF_RANGE;
        };
    }
}
