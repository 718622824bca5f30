package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.strategy.StrategyProperties;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One strategy's orders to the order manager: request/reply on one
 * {@link OrderConnection}, one order in flight at a time, retried with the same
 * {@code clientOrderId} until it is answered or expires.
 *
 * <p>The engine queues an order ({@link #submit}); the sender thread, {@code orders-<strategyId>},
 * sends it on the open connection (opening one if needed) and waits up to {@code reply-timeout}
 * for its execution. On a timeout the connection is closed (a late answer can no longer arrive
 * on it) and the same order is sent again at once on a new one; a connection closed by the
 * order manager, an {@code error} frame or a failed connect does the same after a backoff (none
 * before the first retry, then {@code backoff-initial} doubling to {@code backoff-max}). The
 * order manager answers a repeated {@code clientOrderId} with the original execution and never
 * fills it twice, so resending is safe. An order still unanswered {@code expiry} after the
 * engine handed it over (waiting behind another order of the strategy counts) is given up:
 * logged once, counted, and the outcome says so, naming the last attempt's problem (an attempt
 * the expiry cut short names none of its own); the strategy's position does not change until
 * the {@link ExpiredOrderReconciler} finds the order in the order manager (an order sent at least
 * once may have been filled there, its answer lost). A
 * REJECTED execution is final: it is handed back as it is.
 *
 * <p>While idle, the sender thread keeps a connection open (so the next order goes at once and
 * the health check can tell whether the order manager is reachable before the first order).
 * {@code trading.hop.order.round.trip} times each answered order from its first send to its
 * execution, retries included.
 */
public final class OrderClient {

    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

    /** How often an idle sender thread checks the connection. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String strategyId;
    private final OrderConnection connection;
    private final long replyTimeoutNanos;
    private final long expiryNanos;
    private final OrderOutcomeListener outcomes;
    private final ExpiredOrderReconciler reconciler;
    private final Timer roundTrip;
    private final Counter retries;
    private final ArrayBlockingQueue<Submitted> queue = new ArrayBlockingQueue<>(1024);
    private final Thread sender;
    private volatile boolean running;

    // sender thread only
    private final RetryBackoff backoff;
    private long nextConnectNanos;

    /**
     * @param strategyId whose orders this client sends
     * @param token      sent in a {@code logon} first on every connection when not empty
     * @param settings   where the order manager is and how long an order may take
     * @param outcomes   receives every order's outcome, on this client's sender thread
     * @param publisher  receives Spring Integration's connection events
     */
    public OrderClient(String strategyId, String token, StrategyProperties.OrderManager settings,
            OrderOutcomeListener outcomes, ExpiredOrderReconciler reconciler, MeterRegistry registry,
            ApplicationEventPublisher publisher) {
        this.strategyId = Objects.requireNonNull(strategyId, "strategyId");
        this.connection = new OrderConnection(strategyId, token, settings, registry, publisher);
        this.replyTimeoutNanos = settings.replyTimeout().toNanos();
        this.expiryNanos = settings.expiry().toNanos();
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.backoff = new RetryBackoff(settings.backoffInitial().toNanos(), settings.backoffMax().toNanos());
        this.roundTrip = Timer.builder(TradingMetric.HOP_ORDER_ROUND_TRIP.metricName())
            .description(TradingMetric.HOP_ORDER_ROUND_TRIP.description())
            .register(registry);
        this.retries = Counter.builder(TradingMetric.STRATEGY_ORDER_RETRIES.metricName())
            .description(TradingMetric.STRATEGY_ORDER_RETRIES.description())
            .tag(OrderClients.STRATEGY_TAG, strategyId)
            .register(registry);
        this.sender = new Thread(this::run, "orders-" + strategyId);
        this.sender.setDaemon(true);
    }

    /** Queues an order (engine thread); false when stopped or full. Its expiry runs from now. */
    public boolean submit(Order order) {
        return running && queue.offer(new Submitted(order, System.nanoTime()));
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        connection.start();
        sender.start();
    }

    /** Closes the connection and ends the sender thread; an order in flight is abandoned. Idempotent. */
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        sender.interrupt();
        connection.stop();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.warn("Strategy {}: {} queued orders not sent at shutdown", strategyId, queue.size());
        }
    }

    public boolean isRunning() {
        return running;
    }

    public String strategyId() {
        return strategyId;
    }

    /** For a health check; any thread. */
    public OrderClientStatus status() {
        return new OrderClientStatus(strategyId, connection.address(), connection.isOpen(), connection.inFlight(),
            connection.lastError(), connection.lastErrorAt());
    }

    private void run() {
        while (running) {
            try {
                Submitted order = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                if (order != null) {
                    OrderOutcome outcome = send(order.order(), order.submittedNanos());
                    outcomes.onOutcome(outcome);
                    if (outcome.isExpired() && outcome.attempts() > 0) {
                        // Sent at least once: it may have reached the order manager and filled.
                        reconciler.track(outcome);
                    }
                } else {
                    keepConnected();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // A bug: keep sending the strategy's next orders.
                log.error("Strategy {}: order client failed; continuing", strategyId, e);
            }
        }
    }

    /**
     * Idle: keep a connection open. Every reconnect, failed or not, waits out the backoff, so an
     * order manager that closes each new connection (a refused logon) is not hammered; a
     * connection found still open resets it.
     */
    private void keepConnected() throws InterruptedException {
        if (connection.isOpen()) {
            backoff.reset();
            connection.healthy();
        } else if (System.nanoTime() - nextConnectNanos >= 0) {
            connection.connect();
            nextConnectNanos = System.nanoTime() + backoff.next();
        }
    }

    private TcpConnection connect() throws InterruptedException {
        TcpConnection current = connection.connect();
        if (current == null) {
            nextConnectNanos = System.nanoTime() + backoff.next();
        }
        return current;
    }

    /** Sends one order until it is answered or expires, {@code expiry} after it was submitted. */
    private OrderOutcome send(Order order, long submittedNanos) throws InterruptedException {
        final long deadline = submittedNanos + expiryNanos;
        long firstSent = 0;
        int attempts = 0;
        String problem = "";
        while (running) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            if (attempts > 0 || !connection.isOpen()) {
                long wait = Math.min(remaining, nextConnectNanos - System.nanoTime());
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                    continue;
                }
            }
            TcpConnection current = connect();
            if (current == null) {
                problem = connection.lastError();
                continue;
            }
            attempts++;
            if (attempts == 1) {
                firstSent = System.nanoTime();
            } else {
                retries.increment();
            }
            long waitNanos = Math.min(replyTimeoutNanos, deadline - System.nanoTime());
            Object answer = connection.request(current, order, waitNanos);
            if (answer instanceof Execution execution) {
                roundTrip.record(System.nanoTime() - firstSent, TimeUnit.NANOSECONDS);
                backoff.reset();
                connection.healthy();
                if (attempts > 1) {
                    log.info("Strategy {}: order {} answered {} after {} attempts", strategyId, order.clientOrderId(),
                        execution.status(), attempts);
                }
                return OrderOutcome.answered(order, execution, attempts);
            }
            // A late answer must not arrive on a connection the next order uses: close it.
            connection.discard(current);
            if (answer == null && waitNanos < replyTimeoutNanos && !problem.isEmpty()) {
                // Cut short by the expiry, not a reply timeout: the earlier attempts' problem stays the cause.
                connection.problem("no execution for " + order.clientOrderId() + " before its expiry");
            } else if (answer == null) {
                problem = "no execution for " + order.clientOrderId() + " within "
                    + TimeUnit.NANOSECONDS.toMillis(replyTimeoutNanos) + " ms";
                connection.problem(problem + "; resending it on a new connection");
            } else {
                problem = (String) answer;
                nextConnectNanos = System.nanoTime() + backoff.next();
                connection.problem(problem);
            }
        }
        if (problem.isEmpty()) {
            problem = running ? "not sent before its expiry: queued behind other orders of this strategy" : "stopped";
        }
        log.warn("Strategy {}: order {} ({} {} {}) expired unanswered after {} attempt(s) in {} ms; last problem: {}; "
            + "position unchanged", strategyId, order.clientOrderId(), order.side(), order.quantity(), order.symbol(),
            attempts, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submittedNanos), problem);
        return OrderOutcome.expired(order, attempts, problem);
    }

    @Override
    public String toString() {
        return "OrderClient{strategyId=" + strategyId + ", " + connection + '}';
    }

    /** An order as the engine handed it over, with the time its expiry counts from. */
    private record Submitted(Order order, long submittedNanos) {
    }
}
