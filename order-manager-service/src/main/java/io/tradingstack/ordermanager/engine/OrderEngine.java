package io.tradingstack.ordermanager.engine;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.ordermanager.execution.ImmediateOrCancel;
import io.tradingstack.ordermanager.halt.TradingState;
import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.ordermanager.risk.MarkSource;
import io.tradingstack.ordermanager.risk.RiskCheck;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import io.tradingstack.ordermanager.validation.OrderValidator;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides orders, one at a time: the single writer of the order ids, the order store, the
 * positions and the rate windows (as exchange-core's matching engine). One writer at a time
 * rather than one thread: {@link OrderEntry} decides on the connection thread that holds the
 * engine's {@link #writerLock() lock}, and nothing in here locks anything else. Only
 * {@link #writeCommit()} runs without that lock.
 *
 * <p>An order runs the stages in order, and the first rejection is the answer:
 * <ol>
 * <li>session: its {@code strategyId} must be the logged-on one ({@code STRATEGY_MISMATCH});
 * a {@code clientOrderId} whose journal commit failed is {@link Decision.Outcome#IN_DOUBT in
 * doubt}; one seen before answers with the original execution (same content) or
 * {@code DUPLICATE_CLIENT_ORDER_ID} (other content) — neither gets a new id nor is stored;</li>
 * <li>storage: once the journal has failed, {@code JOURNAL_UNAVAILABLE}, not stored;</li>
 * <li>halt: while an operator has halted trading (the kill switch, {@link #beginSwitch}),
 * {@code TRADING_HALTED}, stored like any decided rejection;</li>
 * <li>validation ({@link OrderValidator}), which reads the book's quote;</li>
 * <li>risk ({@link RiskCheck}) at the price the order would fill at;</li>
 * <li>execution ({@link ImmediateOrCancel}): fill the whole quantity at the touch, or
 * {@code NOT_MARKETABLE}.</li>
 * </ol>
 * Every order from validation on gets the next order id and is appended to the store with its
 * execution; a fill updates the positions. A refusal that is stored nowhere (a strategy mismatch,
 * values that do not decode, a failed journal) gets the next order id too. The ids come from
 * {@link OrderIds}, which reserves them in the journal ahead of use, so that none is handed out
 * twice, across restarts and failures; once the journal has failed and its reservation is used
 * up, such a frame is {@link Decision.Outcome#NO_ORDER_ID not decided}. The caller commits a batch
 * of decisions at once ({@link #sealCommit}, {@link #writeCommit} without the lock, then
 * {@link #completeCommit}) and answers them only then, each through {@link #afterCommit}; orders
 * go on being decided while a commit writes.
 *
 * <p>A {@code cancel} is decided in the same turn as the orders ({@link #cancel}), so that an
 * order and its cancel are never both decided: whichever comes first wins, and the other is
 * answered with what the first left in the store.
 */
public final class OrderEngine {

    private final OrderStore store;
    private final PositionBook positions;
    private final OrderValidator validator;
    private final RiskCheck risk;
    private final BookPrices book;
    private final EpochNanoClock clock;
    private final PriceSnapshot quote = new PriceSnapshot();
    private final PriceSnapshot markQuote = new PriceSnapshot();
    private final MarkSource marks;
    /** Held by whoever decides: every method but the constructor runs under it. */
    private final ReentrantLock writer = new ReentrantLock();
    private final OrderIds orderIds;
    /** The kill switch: under the lock; {@link #published} is its copy for every other thread. */
    private TradingState trading;
    private volatile TradingState published;

    /**
     * @param orderIdBlock order ids reserved in the journal by one reservation record, at least 1
     */
    public OrderEngine(OrderStore store, PositionBook positions, OrderValidator validator, RiskCheck risk, BookPrices book,
            EpochNanoClock clock, long orderIdBlock) {
        this.store = store;
        this.positions = positions;
        this.validator = validator;
        this.risk = risk;
        this.book = book;
        this.clock = clock;
        this.marks = this::mid;
        this.orderIds = new OrderIds(store, orderIdBlock);
        this.trading = store.openedTradingState();
        this.published = trading;
    }

    /**
     * Decides one order.
     *
     * @param loggedOnStrategyId the strategy its connection logged on as, or null when it did not log on
     * @param receivedTs         when its frame arrived, epoch nanoseconds
     */
    public Decision decide(Order order, String loggedOnStrategyId, long receivedTs) {
        assert writer.isHeldByCurrentThread() : "decide without the engine's lock, on " + Thread.currentThread();
        if (loggedOnStrategyId != null && !loggedOnStrategyId.equals(order.strategyId())) {
            Rejection mismatch = new Rejection(RejectReason.STRATEGY_MISMATCH, "loggedOn=" + loggedOnStrategyId);
            return refuseUnderNewId(order, order.clientOrderId(), mismatch, receivedTs);
        }
        OrderRecord doubtful = store.inDoubt(order.clientOrderId());
        if (doubtful != null) {
            return inDoubt(order, doubtful.execution(), receivedTs);
        }
        OrderRecord original = store.decided(order.clientOrderId());
        if (original != null && original.isFence() && original.strategyId().equals(order.strategyId())) {
            // Cancelled before it arrived: answered with the fence, never filled.
            return new Decision(Decision.Outcome.REPEATED, order, original.execution(), null, receivedTs);
        }
        if (original != null && original.isFence()) {
            Rejection duplicate = new Rejection(RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                "cancelledByStrategyId=" + original.strategyId());
            return refuse(order, order.clientOrderId(), original.orderId(), duplicate, receivedTs);
        }
        if (original != null) {
            if (original.order().sameContentAs(order)) {
                return new Decision(Decision.Outcome.REPEATED, order, original.execution(), null, receivedTs);
            }
            Order first = original.order();
            Rejection duplicate = new Rejection(RejectReason.DUPLICATE_CLIENT_ORDER_ID, "originalStrategyId="
                + first.strategyId() + " originalSymbol=" + first.symbol() + " originalSide=" + first.side()
                + " originalQuantity=" + first.quantity() + " originalLimit="
                + (first.hasLimitPrice() ? Prices.format(first.limitPrice()) : "MARKET") + " originalStatus="
                + original.execution().status());
            return refuse(order, order.clientOrderId(), original.orderId(), duplicate, receivedTs);
        }
        if (store.unavailableReason() != null) {
            // The failure itself is logged once, and shown by the journal health; not on every order.
            return refuseUnderNewId(order, order.clientOrderId(),
                new Rejection(RejectReason.JOURNAL_UNAVAILABLE, "journal=FAILED"), receivedTs);
        }
        long orderId = orderIds.next(); // the journal works, so a block can always be reserved
        assert orderId != OrderIds.NONE : "no order id while the journal works";
        long now = clock.epochNanos();
        Rejection rejection = trading.halted() ? new Rejection(RejectReason.TRADING_HALTED, trading.describe())
            : validator.validate(order, book, quote, now);
        long price = Prices.NONE;
        if (rejection == null) {
            long touch = ImmediateOrCancel.touch(order.side(), quote.bid(), quote.ask());
            rejection = risk.check(order, touch, positions.netPositions(), marks, now);
            if (rejection == null) {
                price = ImmediateOrCancel.fillPrice(order, quote.bid(), quote.ask());
                if (price == Prices.NONE) {
                    rejection = new Rejection(RejectReason.NOT_MARKETABLE,
                        "bid=" + Prices.format(quote.bid()) + " ask=" + Prices.format(quote.ask()));
                }
            }
        }
        long decidedTs = clock.epochNanos();
        Execution execution = rejection == null
            ? Execution.filled(order.clientOrderId(), orderId, order.quantity(), price, decidedTs)
            : Execution.rejected(order.clientOrderId(), orderId, rejection.reason().name(), decidedTs);
        store.append(new OrderRecord(order, execution, receivedTs));
        if (rejection == null) {
            positions.fill(order.strategyId(), order.symbol(), order.side(), order.quantity(), price);
        }
        return new Decision(Decision.Outcome.DECIDED, order, execution, rejection, receivedTs);
    }

    /** How a switch of the kill switch ended. */
    public enum Switched {
        /** Switched and journaled: a restart comes up in this state. */
        JOURNALED,
        /**
         * The journal has failed (before or on this switch's commit): a halt holds in this process
         * only (no order is decided anyway until a restart), a release changes nothing.
         */
        JOURNAL_UNAVAILABLE
    }

    /**
     * The first half of a halt or release: journals the switch into the batch being decided; a
     * halt holds from now on (the orders decided after it are {@code TRADING_HALTED}), a release
     * only once its commit worked ({@link #completeSwitch}). Under the engine's lock.
     *
     * @return false when the journal has failed and nothing was journaled: a halt holds in this
     *         process anyway, a release changes nothing; the switch is {@link Switched#JOURNAL_UNAVAILABLE}
     */
    public boolean beginSwitch(TradingState next) {
        assert writer.isHeldByCurrentThread() : "switch without the engine's lock, on " + Thread.currentThread();
        if (next.halted()) {
            publish(next); // safe side: a halt holds at once, journaled or not
        }
        if (store.unavailableReason() != null) {
            return false;
        }
        store.appendTradingState(next);
        return true;
    }

    /**
     * The second half, once the commit that carried the switch is complete: a release holds from
     * now on if it was journaled. Under the engine's lock.
     */
    public Switched completeSwitch(TradingState next, boolean committed) {
        assert writer.isHeldByCurrentThread() : "switch without the engine's lock, on " + Thread.currentThread();
        if (!committed) {
            return Switched.JOURNAL_UNAVAILABLE;
        }
        if (!next.halted()) {
            publish(next);
        }
        return Switched.JOURNALED;
    }

    /** The kill switch's state now: any thread. */
    public TradingState tradingState() {
        return published;
    }

    private void publish(TradingState state) {
        trading = state;
        published = state;
    }

    /**
     * Answers an {@code order} frame whose values did not decode: a new order id, REJECTED, not
     * stored (there is no order to store, and its id may not even be one).
     *
     * @param clientOrderId the id to answer with, as the connection could make it out
     */
    public Decision refuseUndecodable(String clientOrderId, Rejection rejection, long receivedTs) {
        assert writer.isHeldByCurrentThread() : "refuse without the engine's lock, on " + Thread.currentThread();
        return refuseUnderNewId(null, clientOrderId, rejection, receivedTs);
    }

    /**
     * Settles the order a {@code cancel} names: its own execution when it was decided, else a fence
     * — REJECTED {@code CANCELLED} under a new order id, stored like an order, so that a copy of the
     * order arriving later (also after a restart) is answered with it and never filled. A cancel for
     * another strategy than the logged-on one is REJECTED {@code STRATEGY_MISMATCH}; one for another
     * strategy's order {@code DUPLICATE_CLIENT_ORDER_ID} with that order's id; neither is stored.
     *
     * @param loggedOnStrategyId the strategy its connection logged on as, or null when it did not log on
     * @param receivedTs         when its frame arrived, epoch nanoseconds
     */
    public Decision cancel(Cancel cancel, String loggedOnStrategyId, long receivedTs) {
        assert writer.isHeldByCurrentThread() : "cancel without the engine's lock, on " + Thread.currentThread();
        String clientOrderId = cancel.clientOrderId();
        if (loggedOnStrategyId != null && !loggedOnStrategyId.equals(cancel.strategyId())) {
            Rejection mismatch = new Rejection(RejectReason.STRATEGY_MISMATCH, "loggedOn=" + loggedOnStrategyId);
            return withCancel(refuseUnderNewId(null, clientOrderId, mismatch, receivedTs), cancel);
        }
        OrderRecord doubtful = store.inDoubt(clientOrderId);
        if (doubtful != null) {
            return withCancel(inDoubt(null, doubtful.execution(), receivedTs), cancel);
        }
        OrderRecord original = store.decided(clientOrderId);
        if (original != null) {
            if (!original.strategyId().equals(cancel.strategyId())) {
                Rejection other = new Rejection(RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                    "originalStrategyId=" + original.strategyId());
                return withCancel(refuse(null, clientOrderId, original.orderId(), other, receivedTs), cancel);
            }
            return new Decision(Decision.Outcome.REPEATED, null, original.execution(), null, receivedTs, cancel);
        }
        if (store.unavailableReason() != null) {
            Rejection unavailable = new Rejection(RejectReason.JOURNAL_UNAVAILABLE, "journal=FAILED");
            Execution unsent = Execution.rejected(clientOrderId, OrderIds.NONE, unavailable.reason().name(),
                clock.epochNanos());
            return new Decision(Decision.Outcome.UNFENCED, null, unsent, unavailable, receivedTs, cancel);
        }
        long orderId = orderIds.next(); // the journal works, so a block can always be reserved
        assert orderId != OrderIds.NONE : "no order id while the journal works";
        Rejection cancelled = new Rejection(RejectReason.CANCELLED, "fenced=true");
        Execution execution = Execution.rejected(clientOrderId, orderId, cancelled.reason().name(), clock.epochNanos());
        store.append(OrderRecord.fence(cancel, execution, receivedTs));
        return new Decision(Decision.Outcome.DECIDED, null, execution, cancelled, receivedTs, cancel);
    }

    private static Decision withCancel(Decision decision, Cancel cancel) {
        return new Decision(decision.outcome(), decision.order(), decision.execution(), decision.rejection(),
            decision.receivedTs(), cancel);
    }

    /**
     * The first step of a commit: closes the batch of decisions made so far (those decided from
     * now on go to the next commit). Under the engine's lock.
     */
    public void sealCommit() {
        assert writer.isHeldByCurrentThread() : "seal without the engine's lock, on " + Thread.currentThread();
        store.sealBatch();
        orderIds.sealed();
    }

    /**
     * The second step: writes and forces the sealed batch, without the engine's lock, so that
     * orders are decided meanwhile. One committing thread at a time.
     *
     * @return false when the write failed
     */
    public boolean writeCommit() {
        return store.writeSealed();
    }

    /**
     * The last step: true when the sealed decisions are stored, false when the store failed and the
     * orders it had not stored are in doubt. Under the engine's lock.
     *
     * @param written what {@link #writeCommit()} returned
     */
    public boolean completeCommit(boolean written) {
        assert writer.isHeldByCurrentThread() : "commit without the engine's lock, on " + Thread.currentThread();
        boolean stored = store.completeCommit(written);
        orderIds.committed(stored);
        return stored;
    }

    /**
     * The answer to a decision of a batch, once its commit is done: the decision itself, unless
     * the commit failed and its order is in doubt — then {@link Decision.Outcome#IN_DOUBT}, never
     * the decision (it may not be stored) — or its order id is above the reservation the journal
     * is known to hold (the failed commit carried the next one) — then
     * {@link Decision.Outcome#NO_ORDER_ID}, never an id a restart could hand out again. Under the
     * engine's lock.
     */
    public Decision afterCommit(Decision decision, boolean committed) {
        if (committed || decision.outcome() == Decision.Outcome.IN_DOUBT) {
            return decision;
        }
        if (decision.order() != null || decision.isCancel()) {
            OrderRecord doubtful = store.inDoubt(decision.execution().clientOrderId());
            if (doubtful != null) {
                return withCancel(inDoubt(decision.order(), doubtful.execution(), decision.receivedTs()), decision.cancel());
            }
        }
        return orderIds.isDurable(decision.execution().orderId()) ? decision
            : withCancel(noOrderId(decision.order(), decision.execution().clientOrderId(), decision.receivedTs()),
                decision.cancel());
    }

    private static Decision inDoubt(Order order, Execution undurable, long receivedTs) {
        return new Decision(Decision.Outcome.IN_DOUBT, order, undurable,
            new Rejection(RejectReason.JOURNAL_UNAVAILABLE, "inDoubt=true"), receivedTs);
    }

    /** A refusal that stores nothing, under the next order id; none when the failed journal has none left. */
    private Decision refuseUnderNewId(Order order, String clientOrderId, Rejection rejection, long receivedTs) {
        long orderId = orderIds.next();
        return orderId == OrderIds.NONE ? noOrderId(order, clientOrderId, receivedTs)
            : refuse(order, clientOrderId, orderId, rejection, receivedTs);
    }

    /** Not decided: no id is left that the journal holds reserved. The execution is never sent. */
    private Decision noOrderId(Order order, String clientOrderId, long receivedTs) {
        Rejection unavailable = new Rejection(RejectReason.JOURNAL_UNAVAILABLE, "orderIds=EXHAUSTED");
        Execution unsent = Execution.rejected(clientOrderId, OrderIds.NONE, unavailable.reason().name(), clock.epochNanos());
        return new Decision(Decision.Outcome.NO_ORDER_ID, order, unsent, unavailable, receivedTs);
    }

    private Decision refuse(Order order, String clientOrderId, long orderId, Rejection rejection, long receivedTs) {
        Execution execution = Execution.rejected(clientOrderId, orderId, rejection.reason().name(), clock.epochNanos());
        return new Decision(Decision.Outcome.REFUSED, order, execution, rejection, receivedTs);
    }

    /** The book's mid of a held symbol, stale or not, for the gross-notional rule. */
    private long mid(String symbol) {
        SlotStatus status = book.read(symbol, markQuote, Long.MIN_VALUE);
        return status == SlotStatus.FRESH ? markQuote.mid() : Prices.NONE;
    }

    /** The lock a caller holds while it decides, commits and answers: one writer at a time. */
    ReentrantLock writerLock() {
        return writer;
    }
}
