package io.tradingstack.ordermanager.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.server.FixedQuoteBook.Quote;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.MessageType;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one connection of the order port must be answered, frame after frame, worked out from the
 * protocol (docs/protocol.md, Orders) and the {@link FixedQuoteBook} without the order manager's code:
 * the fuzz target's reference. It keeps what the answers so far decided: the logged-on strategy,
 * the orders stored by {@code clientOrderId} (and the fences of cancels that came before their
 * order), the highest order id given, the net positions.
 *
 * <p>What it cannot know it accepts and checks no further: {@code ORDER_RATE_LIMIT} for an order
 * that passed validation (the rate depends on which clock reading the engine took), and an
 * execution's {@code ts}.
 */
final class ExpectedAnswers {

    /** The limits the order manager under test is configured with. */
    record Limits(Set<String> symbols, long maxQuantity, long collarPpm, long maxPosition, long maxGrossNotional) {
    }

    /** An order stored with its answer, or a fence (order null): a repeat of its id is answered from it. */
    private record Stored(Order order, String strategyId, Execution execution) {
    }

    private static final int MAX_ID_LENGTH = 64;

    private final Limits limits;
    private final MessageCodec strategyCodec;
    private final Map<String, Stored> stored = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private String loggedOn;
    private boolean anyFrame;
    private long highestOrderId;

    /** @param strategyCodec the codec of the strategy's end, which must read every execution back as sent */
    ExpectedAnswers(Limits limits, MessageCodec strategyCodec) {
        this.limits = limits;
        this.strategyCodec = strategyCodec;
    }

    /**
     * Checks the answer to one frame: what the protocol sent while handling it, and whether the
     * connection is closed after it.
     */
    void check(Decoded frame, List<Object> sent, boolean closed) {
        if (frame instanceof DecodeError error && error.isProtocolViolation()) {
            assertRefused(sent, closed, error.reason().name());
            return;
        }
        boolean first = !anyFrame;
        anyFrame = true;
        if (frame instanceof Logon logon) {
            if (first) {
                assertThat(sent).as("a first logon gets no reply").isEmpty();
                assertThat(closed).as("a first logon keeps the connection").isFalse();
                loggedOn = logon.strategyId();
            } else {
                assertRefused(sent, closed, SessionRefusal.UNEXPECTED_FRAME.name());
            }
        } else if (frame instanceof Order order) {
            checkOrder(order, onlyExecution(sent, closed));
        } else if (frame instanceof Cancel cancel) {
            checkCancel(cancel, onlyExecution(sent, closed));
        } else if (frame instanceof DecodeError error
                && (error.type() == MessageType.ORDER || error.type() == MessageType.CANCEL)) {
            checkUndecodable(error, onlyExecution(sent, closed));
        } else if (frame instanceof DecodeError error) {
            assertRefused(sent, closed, error.reason().name());
        } else {
            assertRefused(sent, closed, SessionRefusal.UNEXPECTED_FRAME.name());
        }
    }

    private static void assertRefused(List<Object> sent, boolean closed, String reason) {
        assertThat(sent).as("one error frame").hasSize(1);
        assertThat(sent.get(0)).isInstanceOfSatisfying(ErrorFrame.class,
            error -> assertThat(error.reason()).as("the error names the reason").isEqualTo(reason));
        assertThat(closed).as("a protocol error closes the connection").isTrue();
    }

    /** The one execution an order frame gets; the connection stays open, and the strategy reads it back as sent. */
    private Execution onlyExecution(List<Object> sent, boolean closed) {
        assertThat(sent).as("one answer per order frame").hasSize(1);
        assertThat(sent.get(0)).as("an order frame is answered with an execution").isInstanceOf(Execution.class);
        assertThat(closed).as("an order, valid or not, keeps the connection").isFalse();
        Execution execution = (Execution) sent.get(0);
        assertThat(strategyCodec.decodeFrame(strategyCodec.toFrame(execution))).isEqualTo(execution);
        if (execution.status() == ExecutionStatus.REJECTED) {
            assertThat(execution.filledQuantity()).isZero();
            assertThat(execution.price()).isEqualTo(Prices.NONE);
        }
        return execution;
    }

    /** A well-formed order whose values did not decode: rejected with the decoder's reason, under its id made printable. */
    private void checkUndecodable(DecodeError error, Execution execution) {
        assertThat(execution.status()).isEqualTo(ExecutionStatus.REJECTED);
        assertThat(execution.reason()).isEqualTo(rejectionOf(error).name());
        assertPrintableCopy(execution.clientOrderId(), error.clientOrderId());
        assertNewOrderId(execution);
    }

    /** docs/protocol.md: values that break a rule are rejected with that rule; a quantity is named by the quantity rule. */
    private static RejectReason rejectionOf(DecodeError error) {
        DecodeFailure failure = error.reason();
        if (failure == DecodeFailure.OUT_OF_RANGE) {
            return "quantity".equals(error.field()) ? RejectReason.QUANTITY_OUT_OF_RANGE : RejectReason.OUT_OF_RANGE;
        }
        return RejectReason.valueOf(failure.name());
    }

    private static void assertPrintableCopy(String answered, String sent) {
        assertThat(answered).hasSize(Math.min(sent.length(), MAX_ID_LENGTH));
        for (int i = 0; i < answered.length(); i++) {
            char original = sent.charAt(i);
            char expected = original >= 0x20 && original < 0x7F ? original : '?';
            assertThat(answered.charAt(i)).as("clientOrderId character %d", i).isEqualTo(expected);
        }
    }

    private void checkOrder(Order order, Execution execution) {
        assertThat(execution.clientOrderId()).isEqualTo(order.clientOrderId());
        if (loggedOn != null && !loggedOn.equals(order.strategyId())) {
            assertRejected(execution, RejectReason.STRATEGY_MISMATCH);
            assertNewOrderId(execution);
            return;
        }
        Stored original = stored.get(order.clientOrderId());
        if (original != null && original.order() == null) {
            if (original.strategyId().equals(order.strategyId())) {
                assertThat(execution).as("an order cancelled before it came gets the fence").isEqualTo(original.execution());
            } else {
                assertRejected(execution, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
                assertThat(execution.orderId()).as("the fence's order id").isEqualTo(original.execution().orderId());
            }
            return;
        }
        if (original != null) {
            if (sameContent(original.order(), order)) {
                assertThat(execution).as("a repeat gets the original execution").isEqualTo(original.execution());
            } else {
                assertRejected(execution, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
                assertThat(execution.orderId()).as("the original's order id").isEqualTo(original.execution().orderId());
            }
            return;
        }
        assertNewOrderId(execution);
        stored.put(order.clientOrderId(), new Stored(order, order.strategyId(), execution));
        RejectReason invalid = validation(order);
        if (invalid != null) {
            assertRejected(execution, invalid);
        } else if (!RejectReason.ORDER_RATE_LIMIT.name().equals(execution.reason())) {
            checkRiskAndFill(order, execution);
        }
    }

    /**
     * docs/protocol.md: a cancel gets the execution of its order when that was decided, else a REJECTED
     * CANCELLED under a new id that answers every later copy of the order. The logged-on strategy
     * only, and only its own orders.
     */
    private void checkCancel(Cancel cancel, Execution execution) {
        assertThat(execution.clientOrderId()).isEqualTo(cancel.clientOrderId());
        if (loggedOn != null && !loggedOn.equals(cancel.strategyId())) {
            assertRejected(execution, RejectReason.STRATEGY_MISMATCH);
            assertNewOrderId(execution);
            return;
        }
        Stored original = stored.get(cancel.clientOrderId());
        if (original == null) {
            assertRejected(execution, RejectReason.CANCELLED);
            assertNewOrderId(execution);
            stored.put(cancel.clientOrderId(), new Stored(null, cancel.strategyId(), execution));
        } else if (original.strategyId().equals(cancel.strategyId())) {
            assertThat(execution).as("a decided order's own execution").isEqualTo(original.execution());
        } else {
            assertRejected(execution, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            assertThat(execution.orderId()).as("the original's order id").isEqualTo(original.execution().orderId());
        }
    }

    /** docs/protocol.md (idempotency): same strategyId, symbol, side, quantity and limitPrice. */
    private static boolean sameContent(Order a, Order b) {
        return a.strategyId().equals(b.strategyId()) && a.symbol().equals(b.symbol()) && a.side() == b.side()
            && a.quantity() == b.quantity() && a.limitPrice() == b.limitPrice();
    }

    /** The first validation rule the order breaks against the fixed book, or null. */
    private RejectReason validation(Order order) {
        if (!limits.symbols().contains(order.symbol())) {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        if (order.quantity() < 1 || order.quantity() > limits.maxQuantity()) {
            return RejectReason.QUANTITY_OUT_OF_RANGE;
        }
        Quote quote = FixedQuoteBook.FRESH.get(order.symbol());
        if (quote == null) {
            return order.symbol().equals(FixedQuoteBook.STALE) ? RejectReason.STALE_PRICE : RejectReason.NO_PRICE;
        }
        long width = quote.mid() * limits.collarPpm() / 1_000_000; // exact for these mids: no overflow, no rounding
        if (order.limitPrice() != Prices.NONE && Math.abs(order.limitPrice() - quote.mid()) > width) {
            return RejectReason.LIMIT_OUTSIDE_COLLAR;
        }
        return null;
    }

    /**
     * A valid order past the rate check: the position limit, then the gross notional (both stop
     * only what adds exposure), then a limit that does not reach the touch; else filled whole at
     * the touch.
     */
    private void checkRiskAndFill(Order order, Execution execution) {
        Quote quote = FixedQuoteBook.FRESH.get(order.symbol());
        long touch = quote.touch(order.side());
        long before = positions.getOrDefault(order.symbol(), 0L);
        long after = before + (order.side() == Side.BUY ? order.quantity() : -order.quantity());
        long others = 0;
        for (Map.Entry<String, Long> held : positions.entrySet()) {
            if (!held.getKey().equals(order.symbol())) {
                others += Math.abs(held.getValue()) * FixedQuoteBook.FRESH.get(held.getKey()).mid();
            }
        }
        long grossBefore = others + Math.abs(before) * touch;
        long grossAfter = others + Math.abs(after) * touch;
        boolean marketable = order.limitPrice() == Prices.NONE
            || (order.side() == Side.BUY ? order.limitPrice() >= quote.ask() : order.limitPrice() <= quote.bid());
        if (Math.abs(after) > limits.maxPosition() && Math.abs(after) > Math.abs(before)) {
            assertRejected(execution, RejectReason.POSITION_LIMIT);
        } else if (grossAfter > limits.maxGrossNotional() && grossAfter > grossBefore) {
            assertRejected(execution, RejectReason.NOTIONAL_LIMIT);
        } else if (!marketable) {
            assertRejected(execution, RejectReason.NOT_MARKETABLE);
        } else {
            assertThat(execution.status()).as("a valid, marketable order within the limits fills").isEqualTo(ExecutionStatus.FILLED);
            assertThat(execution.filledQuantity()).as("the whole quantity").isEqualTo(order.quantity());
            assertThat(execution.price()).as("at the touch").isEqualTo(touch);
            assertThat(execution.reason()).isEmpty();
            positions.put(order.symbol(), after);
        }
    }

    private static void assertRejected(Execution execution, RejectReason reason) {
        assertThat(execution.status()).as("rejected %s", reason).isEqualTo(ExecutionStatus.REJECTED);
        assertThat(execution.reason()).isEqualTo(reason.name());
    }

    /** Order ids strictly increase: a new id is above every id given before, so none is ever given twice. */
    private void assertNewOrderId(Execution execution) {
        assertThat(execution.orderId()).as("a new order id").isGreaterThan(highestOrderId);
        highestOrderId = execution.orderId();
    }
}
