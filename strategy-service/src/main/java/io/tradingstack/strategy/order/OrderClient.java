package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.tls.ClientTls;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One strategy's orders to the order manager: request/reply over its {@link OrderConnection}
 * (Spring Integration endpoints), one order in flight at a time, retried with the same
 * {@code clientOrderId} until it is answered or expires.
 *
 * <p>Threads. When nothing is in flight and a connection is open, {@link #submit} writes the
 * order on the calling thread, the one running the engine (the engine thread, or the news feed's
 * thread deciding on a tick), through the outbound adapter: no hand-off between the decision and
 * the socket. Otherwise the order waits in a queue: the read thread that takes the answer of the
 * order before it sends it at once, or, when it cannot go at once, the client's timer
 * thread, {@code orders-<strategyId>}, which also opens connections (never the engine thread:
 * a connect may take {@code connect-timeout}), fires reply timeouts, waits out the backoff,
 * expires orders and keeps a connection open while idle. Executions, {@code error} frames and
 * invalid frames arrive on the connection's read thread; closed connections as the factory's
 * close events, on whichever thread closed them. All of them move one small state machine under
 * one lock that is never held across I/O or a hand-over, so the engine thread waits at most for
 * another thread's few field updates.
 *
 * <p>Outcomes. An execution completes the order in flight only if its {@code clientOrderId} is
 * the one awaited (an answer to an order no longer in flight is dropped). A reply timeout
 * closes the connection (a late answer can no longer arrive on it) and sends the same order
 * again at once on a new one; a connection closed by the order manager, an {@code error} frame,
 * an invalid frame, a failed send or connect ends the attempt at once and retries after a
 * backoff (none before the first retry, then {@code backoff-initial} doubling to
 * {@code backoff-max}). The order manager answers a repeated {@code clientOrderId} with the
 * original execution and never fills it twice, so resending is safe. An order still unanswered
 * {@code expiry} after the engine handed it over (waiting behind another order counts) is
 * given up: logged once, and the outcome names the last attempt's problem (an attempt the
 * expiry cut short names none of its own). A REJECTED execution is final.
 *
 * <p>Settlement. An order given up after it was sent at least once may still have reached the
 * order manager, and fill there later (a frame held in the socket buffer of a frozen order
 * manager is read when it runs again). So it is settled: its {@code cancel} goes next, before
 * any order queued behind it, on the connection the expiry cut short (which stays open for it:
 * the cancel follows the order in the same stream), otherwise on a new one after the logon. The
 * order manager answers the cancel with the order's own execution when it decided the order,
 * else with a REJECTED {@code CANCELLED} that it stores so that the order can never fill
 * afterwards. The answer is handed over as a second, {@code reconciled} outcome of the order (a
 * fill moves the position late). Until then the order is in doubt ({@link UnsettledOrders}); the
 * cancel is resent like an order (reply timeout, closed connection, backoff), but never expires. Each
 * outcome reaches the {@link OrderOutcomeListener} once, in the order decided, on the read or
 * the timer thread (see {@link OutcomeHandOver}), never on the engine thread: the engine
 * learns of an order it submitted only after {@code submit} returned.
 *
 * <p>{@code trading.hop.order.round.trip} times each answered order from its first send to its
 * execution, retries included; {@code trading.hop.news.to.order.sent} times the news tick's emit
 * ({@code originTs}) to the order's first write, so that the strategy's share of tick-to-trade
 * is told apart from the order's hop.
 *
 * <p>Longer than our usual class: it is one state machine whose transitions share one lock, and
 * splitting the transitions would spread that lock; the timer, the connection, the hand-over
 * and the problem log are their own classes.
 */
public final class OrderClient {

    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

    /** How often the timer thread checks the connection while no order is in flight. */
    private static final long IDLE_CHECK_MILLIS = 200;

    /** Orders that may wait behind the one in flight. */
    static final int QUEUE_CAPACITY = 1024;

    private final String strategyId;
    private final ProblemLog problems;
    private final OrderConnection connection;
    private final OutcomeHandOver handOver;
    private final UnsettledOrders unsettled;
    private final long replyTimeoutNanos;
    private final long expiryNanos;
    private final MeterRegistry registry;
    private final Timer roundTrip;
    private final Timer newsToOrderSent;
    private final EpochNanoClock clock = SystemEpochNanoClock.instance();
    private final Counter retries;

    private final ClientTimer timer;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private final ArrayDeque<InFlightOrder> waiting = new ArrayDeque<>();
    private final RetryBackoff backoff;
    private InFlightOrder current;
    private TcpConnection open;
    private ServerError serverError;
    private long nextConnectNanos;
    private boolean running;

    /**
     * @param strategyId  whose orders this client sends
     * @param token       sent in a {@code logon} first on every connection when not empty
     * @param settings    where the order manager is and how long an order may take
     * @param outcomes    receives every order's outcome, on the read or the timer thread
     * @param flowContext where the connection's flows are registered when the client starts
     */
    public OrderClient(String strategyId, String token, StrategyProperties.OrderManager settings,
            OrderOutcomeListener outcomes, UnsettledOrders unsettled, MeterRegistry registry,
            IntegrationFlowContext flowContext) {
        this(strategyId, token, settings, outcomes, unsettled, registry, flowContext, null);
    }

    /** @param tls the order connection's TLS ({@code trading.strategy.order-manager.tls}), or null for plaintext */
    public OrderClient(String strategyId, String token, StrategyProperties.OrderManager settings,
            OrderOutcomeListener outcomes, UnsettledOrders unsettled, MeterRegistry registry,
            IntegrationFlowContext flowContext, ClientTls tls) {
        this.strategyId = Objects.requireNonNull(strategyId, "strategyId");
        this.problems = new ProblemLog(strategyId);
        this.connection = new OrderConnection(strategyId, token, settings, flowContext, problems, this::onFrame, tls);
        this.handOver = new OutcomeHandOver(Objects.requireNonNull(outcomes, "outcomes"));
        this.unsettled = Objects.requireNonNull(unsettled, "unsettled");
        this.replyTimeoutNanos = settings.replyTimeout().toNanos();
        this.expiryNanos = settings.expiry().toNanos();
        this.timer = new ClientTimer(strategyId);
        this.backoff = new RetryBackoff(settings.backoffInitial().toNanos(), settings.backoffMax().toNanos());
        this.registry = registry;
        this.roundTrip = Timer.builder(TradingMetric.HOP_ORDER_ROUND_TRIP.metricName())
            .description(TradingMetric.HOP_ORDER_ROUND_TRIP.description())
            .register(registry);
        this.newsToOrderSent = Timer.builder(TradingMetric.HOP_NEWS_TO_ORDER_SENT.metricName())
            .description(TradingMetric.HOP_NEWS_TO_ORDER_SENT.description())
            .register(registry);
        this.retries = Counter.builder(TradingMetric.STRATEGY_ORDER_RETRIES.metricName())
            .description(TradingMetric.STRATEGY_ORDER_RETRIES.description())
            .tag(OrderClients.STRATEGY_TAG, strategyId)
            .register(registry);
    }

    /**
     * Sends the order now on the calling thread when nothing is in flight and a connection is
     * open, else queues it for the timer thread; its expiry runs from now. Never hands an
     * outcome over on the calling thread.
     *
     * @return false when stopped or the queue is full: no outcome will come
     */
    public boolean submit(Order order) {
        long now = System.nanoTime();
        InFlightOrder sending;
        lock.lock();
        try {
            if (!running || waiting.size() >= QUEUE_CAPACITY) {
                return false;
            }
            InFlightOrder submitted = new InFlightOrder(order, now, expiryNanos);
            if (current != null || !waiting.isEmpty() || !isOpen()) {
                waiting.add(submitted);
                if (current == null) {
                    timer.now(this::advance);
                }
                return true;
            }
            current = submitted;
            sending = beginAttempt(submitted, now);
        } finally {
            lock.unlock();
        }
        transmit(sending, sending.attempts);
        return true;
    }

    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
        } finally {
            lock.unlock();
        }
        connection.start();
        timer.start();
        lock.lock();
        try {
            nextConnectNanos = System.nanoTime();
            running = true;
        } finally {
            lock.unlock();
        }
        timer.every(IDLE_CHECK_MILLIS, this::keepConnected);
    }

    /** Ends the timer thread and closes the connection; an order in flight is abandoned. Idempotent. */
    public void stop() {
        int unsent;
        String abandoned;
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            unsent = waiting.size();
            abandoned = current == null ? "" : current.order.clientOrderId()
                + (current.isSettlement() ? " (expired unanswered, its cancel unanswered: in doubt)" : "");
            waiting.clear();
            current = null;
        } finally {
            lock.unlock();
        }
        timer.stop();
        connection.stop();
        if (!abandoned.isEmpty()) {
            log.warn("Strategy {}: order {} still in flight at shutdown; its outcome is not known", strategyId, abandoned);
        }
        if (unsent > 0) {
            log.warn("Strategy {}: {} queued orders not sent at shutdown", strategyId, unsent);
        }
    }

    public boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    public String strategyId() {
        return strategyId;
    }

    /** For a health check; any thread. */
    public OrderClientStatus status() {
        boolean connected;
        String inFlight;
        lock.lock();
        try {
            connected = isOpen();
            inFlight = current == null ? "" : current.order.clientOrderId();
        } finally {
            lock.unlock();
        }
        return new OrderClientStatus(strategyId, connection.address(), connected, inFlight, problems.lastError(),
            problems.lastErrorAt());
    }

    /** The name of the connection factory whose close events are this client's. */
    String connectionFactoryName() {
        return connection.factoryName();
    }

    /** The timer thread's executor, for a test that holds it; null when stopped. */
    ScheduledThreadPoolExecutor timer() {
        lock.lock();
        try {
            return running ? timer.executor() : null;
        } finally {
            lock.unlock();
        }
    }

    // ---- the connection's events ----

    /** A frame from the order manager, on the connection's read thread; false when it closed the connection. */
    private boolean onFrame(String connectionId, Object frame) {
        if (frame instanceof Execution execution) {
            answered(execution);
            return true;
        }
        if (frame instanceof ErrorFrame error) {
            // The order manager closes the connection after an error frame; so do we.
            refused(connectionId, "order manager sent error " + error.reason()
                + (error.detail().isEmpty() ? "" : ": " + error.detail()), true);
        } else {
            String reason = frame instanceof DecodeError error ? error.reason().name() : "UNEXPECTED_TYPE";
            registry.counter(TradingMetric.FRAMES_INVALID.metricName(), TradingMetric.Tags.SERVICE, OrderClients.SERVICE,
                TradingMetric.Tags.REASON, reason).increment();
            refused(connectionId, "invalid frame from the order manager: " + frame, false);
        }
        return false;
    }

    /** A connection of this client's factory closed, by either side; on the thread that closed it. */
    void onClosed(String connectionId) {
        lock.lock();
        try {
            forget(connectionId);
            InFlightOrder order = current;
            if (order != null && connectionId.equals(order.connectionId)) {
                attemptFailed(order, explain(connectionId, "connection to " + connection.address() + " closed"));
                retryAfterBackoff(order);
            }
        } finally {
            lock.unlock();
        }
    }

    private void answered(Execution execution) {
        InFlightOrder next = null;
        lock.lock();
        try {
            InFlightOrder order = current;
            if (order == null || order.connectionId == null
                    || !order.order.clientOrderId().equals(execution.clientOrderId())) {
                if (log.isDebugEnabled()) {
                    log.debug("Strategy {}: execution for {} matches no order in flight (a late answer to a resent "
                        + "order); ignored", strategyId, execution.clientOrderId());
                }
                return;
            }
            order.disarm();
            backoff.reset();
            problems.healthy();
            if (order.isSettlement()) {
                settled(order, execution);
            } else {
                roundTrip.record(System.nanoTime() - order.firstSentNanos, TimeUnit.NANOSECONDS);
                if (order.attempts > 1) {
                    log.info("Strategy {}: order {} answered {} after {} attempts", strategyId, execution.clientOrderId(),
                        execution.status(), order.attempts);
                }
                handOver.add(OrderOutcome.answered(order.order, execution, order.attempts));
            }
            current = null;
            next = takeNextNow();
        } finally {
            lock.unlock();
        }
        if (next != null) {
            transmit(next, next.attempts);
        }
        handOverOutcomes();
    }

    /**
     * Under the lock, once nothing is in flight: the next queued order, begun and to be sent by
     * the calling thread (the read thread that took the answer: no wake-up of the timer thread
     * between an answer and the next order, which cost 30–50 µs of every queued order's
     * tick-to-trade on a small VM), when it can go at once; otherwise the timer thread takes it
     * (it expired, or no connection is open). Null when the caller sends nothing.
     */
    private InFlightOrder takeNextNow() {
        InFlightOrder next = waiting.peek();
        if (next == null) {
            return null;
        }
        long now = System.nanoTime();
        if (running && isOpen() && now - next.deadlineNanos < 0) {
            current = waiting.poll();
            return beginAttempt(current, now);
        }
        timer.now(this::advance);
        return null;
    }

    private void refused(String connectionId, String why, boolean sentByServer) {
        InFlightOrder failed = null;
        lock.lock();
        try {
            if (sentByServer) {
                serverError = new ServerError(connectionId, why);
            }
            problems.problem(why);
            forget(connectionId);
            InFlightOrder order = current;
            if (order != null && connectionId.equals(order.connectionId)) {
                attemptFailed(order, why);
                failed = order;
            }
        } finally {
            lock.unlock();
        }
        connection.close(connectionId);
        retryAfterBackoff(failed);
    }

    // ---- the timer thread ----

    /**
     * Moves the order in flight on, or takes the next: expires it, sends it on the open
     * connection, waits out the backoff, or connects. Returns once an attempt is out, a wait is
     * scheduled, or nothing is left to send.
     */
    private void advance() throws InterruptedException {
        while (true) {
            InFlightOrder sending = null;
            boolean expired = false;
            lock.lock();
            try {
                if (!running) {
                    return;
                }
                if (current == null && (current = waiting.poll()) == null) {
                    return;
                }
                InFlightOrder order = current;
                if (order.connectionId != null) {
                    return; // an attempt is out: its answer, its connection's close or its timeout moves on
                }
                long now = System.nanoTime();
                if (now - order.deadlineNanos >= 0) {
                    current = expire(order, now); // its settlement goes next, before any order waiting
                    expired = true;
                } else if (isOpen()) {
                    sending = beginAttempt(order, now);
                } else if (now - nextConnectNanos < 0) {
                    order.arm(timer.after(Math.min(nextConnectNanos, order.deadlineNanos) - now, this::advance));
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (expired) {
                handOverOutcomes();
            } else if (sending != null) {
                transmit(sending, sending.attempts);
                return;
            } else {
                connect(false);
            }
        }
    }

    /**
     * The reply timeout of one attempt: close its connection, send again at once. When the expiry
     * cut the attempt short the connection stays open instead: the order's cancel goes on it next,
     * behind the order, and an answer to the order arriving first settles it just the same.
     */
    private void replyTimedOut(InFlightOrder order, int attempt) throws InterruptedException {
        String discard = null;
        lock.lock();
        try {
            if (!isOut(order, attempt)) {
                return;
            }
            String connectionId = order.connectionId;
            order.connectionId = null;
            boolean cutByExpiry = order.waitNanos < replyTimeoutNanos || System.nanoTime() - order.deadlineNanos >= 0;
            if (!cutByExpiry) {
                discard = connectionId;
                forget(discard);
            }
            String clientOrderId = order.order.clientOrderId();
            if (order.waitNanos < replyTimeoutNanos && !order.problem.isEmpty()) {
                // Cut short by the expiry, not a reply timeout: the earlier attempts' problem stays the cause.
                problems.problem("no execution for " + clientOrderId + " before its expiry");
            } else {
                order.problem = "no execution for " + clientOrderId + " within "
                    + TimeUnit.NANOSECONDS.toMillis(replyTimeoutNanos) + " ms";
                problems.problem(order.problem + "; resending it on a new connection");
            }
        } finally {
            lock.unlock();
        }
        if (discard != null) {
            // A late answer must not arrive on a connection the next attempt of the same order uses.
            connection.close(discard);
        }
        advance();
    }

    /**
     * Idle: keep a connection open. Every reconnect, failed or not, waits out the backoff, so an
     * order manager that closes each new connection (a refused logon) is not hammered; a
     * connection found still open resets it.
     */
    private void keepConnected() throws InterruptedException {
        lock.lock();
        try {
            if (!running || current != null || !waiting.isEmpty()) {
                return; // the order in flight opens its own connections
            }
            if (isOpen()) {
                backoff.reset();
                problems.healthy();
                return;
            }
            if (System.nanoTime() - nextConnectNanos < 0) {
                return;
            }
        } finally {
            lock.unlock();
        }
        connect(true);
    }

    /** Opens a connection, outside the lock (it may take {@code connect-timeout}). */
    private void connect(boolean idle) throws InterruptedException {
        TcpConnection fresh = connection.connect();
        lock.lock();
        try {
            if (fresh != null && fresh != open) {
                open = fresh;
                problems.connected(connection.address(), connection.logsOn());
            }
            if (fresh == null || idle || !fresh.isOpen()) {
                // A connection closed as soon as it opened (a refused logon) waits out the backoff too.
                nextConnectNanos = System.nanoTime() + backoff.next();
            }
            if (fresh == null && current != null) {
                current.problem = problems.lastError();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- state changes, under the lock ----

    /** Sends the order once more on the open connection; the reply timeout is armed before it leaves. */
    private InFlightOrder beginAttempt(InFlightOrder order, long now) {
        order.attempts++;
        if (order.attempts == 1) {
            order.firstSentNanos = now;
        } else if (!order.isSettlement()) {
            retries.increment();
        }
        order.connectionId = open.getConnectionId();
        order.waitNanos = Math.min(replyTimeoutNanos, order.deadlineNanos - now);
        int attempt = order.attempts;
        order.arm(timer.after(order.waitNanos, () -> replyTimedOut(order, attempt)));
        return order;
    }

    /**
     * The attempt is over without an answer; the next one goes after the backoff, armed by
     * {@link #retryAfterBackoff} once the attempt's connection is closed (while it is open, the
     * factory would hand it out again).
     */
    private void attemptFailed(InFlightOrder order, String why) {
        order.disarm();
        order.connectionId = null;
        order.problem = why;
        problems.problem(why);
        nextConnectNanos = System.nanoTime() + backoff.next();
    }

    /** Arms the next try of a failed attempt's order if it is still in flight and not sent since (takes the lock). */
    private void retryAfterBackoff(InFlightOrder order) {
        if (order == null) {
            return;
        }
        lock.lock();
        try {
            if (current == order && order.connectionId == null) {
                order.arm(timer.after(Math.min(nextConnectNanos, order.deadlineNanos) - System.nanoTime(), this::advance));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives the order up; returns its settlement when it was sent (it may have reached the order manager), else null. */
    private InFlightOrder expire(InFlightOrder order, long now) {
        order.disarm();
        String problem = order.problem.isEmpty()
            ? "not sent before its expiry: queued behind other orders of this strategy" : order.problem;
        Order expired = order.order;
        log.warn("Strategy {}: order {} ({} {} {}) expired unanswered after {} attempt(s) in {} ms; last problem: {}; "
            + "position unchanged{}", strategyId, expired.clientOrderId(), expired.side(), expired.quantity(),
            expired.symbol(), order.attempts, TimeUnit.NANOSECONDS.toMillis(now - order.submittedNanos), problem,
            order.attempts > 0 ? " until its cancel is answered" : "");
        OrderOutcome outcome = OrderOutcome.expired(expired, order.attempts, problem);
        handOver.add(outcome);
        if (order.attempts == 0) {
            return null; // never sent: it cannot be in the order manager
        }
        unsettled.gaveUp();
        return InFlightOrder.settlement(outcome, now);
    }

    /** The order manager answered the cancel of an expired order: what it says the order became is final. */
    private void settled(InFlightOrder settlement, Execution answer) {
        unsettled.settled(answer);
        log.info("Strategy {}: order {}, expired unanswered, settled by its cancel: {}", strategyId,
            answer.clientOrderId(), answer.isFilled() ? "FILLED at " + Prices.format(answer.price()) + ", position follows"
                : "REJECTED " + answer.reason() + ", never filled");
        handOver.add(OrderOutcome.reconciled(settlement.expired, answer));
    }

    /** Whether this attempt of the order in flight still awaits its answer. */
    private boolean isOut(InFlightOrder order, int attempt) {
        return current == order && order.attempts == attempt && order.connectionId != null;
    }

    /**
     * Stops using a connection that is about to be closed: the timer thread may move on before
     * its close event, and must not send the next attempt on it.
     */
    private void forget(String connectionId) {
        if (open != null && open.getConnectionId().equals(connectionId)) {
            open = null;
        }
    }

    private boolean isOpen() {
        return open != null && open.isOpen();
    }

    /** {@code why}, or the {@code error} frame the order manager sent on that connection before closing it. */
    private String explain(String connectionId, String why) {
        ServerError error = serverError;
        return error != null && error.connectionId().equals(connectionId) ? error.text() : why;
    }

    /** Sends outside the lock; a failure ends that attempt (if nothing else ended it first). */
    private void transmit(InFlightOrder order, int attempt) {
        try {
            connection.send(order.request());
            if (attempt == 1 && order.request() instanceof Order sent) {
                // One host's epoch-nanosecond clocks, as every hop; a negative one is not recorded.
                newsToOrderSent.record(clock.epochNanos() - sent.originTs(), TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            String discard;
            lock.lock();
            try {
                if (!isOut(order, attempt)) {
                    return; // its connection's close event came first
                }
                discard = order.connectionId;
                forget(discard);
                attemptFailed(order, explain(discard, "sending to " + connection.address() + " failed: "
                    + OrderConnection.describe(e)));
            } finally {
                lock.unlock();
            }
            connection.close(discard);
            retryAfterBackoff(order);
        }
    }

    private void handOverOutcomes() {
        try {
            handOver.handOver();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }

    @Override
    public String toString() {
        return "OrderClient{strategyId=" + strategyId + ", " + connection + '}';
    }

    private record ServerError(String connectionId, String text) {
    }
}
