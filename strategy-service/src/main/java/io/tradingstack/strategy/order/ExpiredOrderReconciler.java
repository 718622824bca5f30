package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Prices;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds out what became of orders that expired unanswered. An order whose answer was lost — the
 * order manager killed after it journaled the fill, a connection reset after the execution left
 * — may have been filled, and the strategy's position must then follow. The order manager's
 * REST API is the record: {@code GET /api/orders/{clientOrderId}} is looked up every
 * {@code reconcile-interval}; an order found there is handed to the engine as a reconciled
 * outcome (its position moves for a fill), and one still unknown {@code reconcile-window} after
 * its expiry is given up, logged once: it never reached the order manager.
 *
 * <p>Why a window and not one look-up: a frame already in the order manager's socket buffer is
 * decided when that process runs again (after a SIGSTOP, say), even though the strategy has
 * closed the connection; so "not found" is only final after a while.
 *
 * <p>Threads: order clients call {@link #track} from their read or timer thread, where an
 * outcome is handed over ({@code OutcomeHandOver}); this agent,
 * {@code orders-reconcile}, does the look-ups on its own thread once per interval (parked in
 * between, {@link #idleStrategy()}) and hands outcomes to the engine's inbox.
 */
public final class ExpiredOrderReconciler implements Agent {

    /** Started with the order clients, before the engine, and stopped after it. */
    public static final int PHASE = OrderClients.PHASE;

    private static final Logger log = LoggerFactory.getLogger(ExpiredOrderReconciler.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String ordersUrl;
    private final long intervalNanos;
    private final long windowNanos;
    private final OrderOutcomeListener outcomes;
    private final HttpClient http;
    private final ConcurrentLinkedQueue<InDoubt> inDoubt = new ConcurrentLinkedQueue<>();
    private final Counter found;
    private final Counter unresolved;
    private final LongSupplier nanoClock;
    private final PeriodicSchedule rounds;

    // reconcile thread only: the last look-up problem logged, so that each is logged once
    private String lastProblem = "";

    /**
     * @param host     where the order manager's REST API is
     * @param restPort its HTTP port
     * @param interval time between look-ups of the orders in doubt
     * @param window   how long after its expiry an order not found is still looked up
     * @param outcomes the engine's inbox
     */
    public ExpiredOrderReconciler(String host, int restPort, Duration interval, Duration window,
            OrderOutcomeListener outcomes, MeterRegistry registry) {
        this(host, restPort, interval, window, outcomes, registry, System::nanoTime, null);
    }

    /**
     * @param tls the TLS context whose trust verifies the order manager's HTTPS port
     *            ({@code trading.strategy.order-manager.rest-tls}), or null for plain HTTP
     */
    public ExpiredOrderReconciler(String host, int restPort, Duration interval, Duration window,
            OrderOutcomeListener outcomes, MeterRegistry registry, SSLContext tls) {
        this(host, restPort, interval, window, outcomes, registry, System::nanoTime, tls);
    }

    /** @param nanoClock the clock of expiries, windows and rounds: {@link System#nanoTime()}, or a test's */
    ExpiredOrderReconciler(String host, int restPort, Duration interval, Duration window,
            OrderOutcomeListener outcomes, MeterRegistry registry, LongSupplier nanoClock) {
        this(host, restPort, interval, window, outcomes, registry, nanoClock, null);
    }

    private ExpiredOrderReconciler(String host, int restPort, Duration interval, Duration window,
            OrderOutcomeListener outcomes, MeterRegistry registry, LongSupplier nanoClock, SSLContext tls) {
        this.nanoClock = nanoClock;
        this.rounds = PeriodicSchedule.every(interval, false, nanoClock);
        this.ordersUrl = (tls == null ? "http://" : "https://") + host + ":" + restPort + "/api/orders/";
        this.intervalNanos = interval.toNanos();
        this.windowNanos = window.toNanos();
        this.outcomes = outcomes;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            http.sslContext(tls); // the host name is checked against the certificate, as for any HTTPS
        }
        this.http = http.build();
        this.found = Counter.builder(TradingMetric.STRATEGY_ORDERS_RECONCILED.metricName())
            .description(TradingMetric.STRATEGY_ORDERS_RECONCILED.description())
            .tag(TradingMetric.Tags.STATUS, "found")
            .register(registry);
        this.unresolved = Counter.builder(TradingMetric.STRATEGY_ORDERS_RECONCILED.metricName())
            .description(TradingMetric.STRATEGY_ORDERS_RECONCILED.description())
            .tag(TradingMetric.Tags.STATUS, "not_found")
            .register(registry);
        Gauge.builder(TradingMetric.STRATEGY_ORDERS_IN_DOUBT.metricName(), inDoubt, ConcurrentLinkedQueue::size)
            .description(TradingMetric.STRATEGY_ORDERS_IN_DOUBT.description())
            .register(registry);
    }

    /** An order expired unanswered: look it up until found or its window ends. Any thread. */
    public void track(OrderOutcome expired) {
        if (!expired.isExpired()) {
            throw new IllegalArgumentException(expired.order().clientOrderId() + " did not expire");
        }
        inDoubt.add(new InDoubt(expired, nanoClock.getAsLong() + windowNanos));
    }

    /** Orders expired and not yet found or given up. */
    public int inDoubt() {
        return inDoubt.size();
    }

    /** Parks until the next round is due. */
    public WakeableIdleStrategy idleStrategy() {
        return WakeableIdleStrategy.untilDue(rounds::dueNanos, rounds.period());
    }

    /** One round per interval, the first one interval after start. */
    @Override
    public int doWork() throws InterruptedException {
        if (!rounds.claim()) {
            return 0;
        }
        reconcileOnce();
        return 1;
    }

    @Override
    public void onClose() {
        if (!inDoubt.isEmpty()) {
            log.warn("{} expired orders still in doubt at shutdown: {}", inDoubt.size(), ids());
        }
    }

    @Override
    public String roleName() {
        return "orders-reconcile";
    }

    /** One round: every order in doubt looked up once. Package-private for tests. */
    void reconcileOnce() throws InterruptedException {
        for (Iterator<InDoubt> it = inDoubt.iterator(); it.hasNext(); ) {
            InDoubt order = it.next();
            String clientOrderId = order.expired().order().clientOrderId();
            Execution execution;
            try {
                execution = lookUp(clientOrderId);
            } catch (IOException | RuntimeException e) {
                problem("order manager REST API at " + ordersUrl + " not answering: " + e);
                return; // the next round tries them all again
            }
            if (execution != null) {
                it.remove();
                found.increment();
                log.info("Order {} expired unanswered but the order manager has it {}{}; the strategy follows",
                    clientOrderId, execution.status(), execution.isFilled() ? " at " + Prices.format(execution.price()) : "");
                outcomes.onOutcome(OrderOutcome.reconciled(order.expired(), execution));
            } else if (nanoClock.getAsLong() - order.giveUpAtNanos() >= 0) {
                it.remove();
                unresolved.increment();
                log.warn("Order {} expired unanswered and the order manager does not have it {} s later: "
                    + "it never reached the order manager; position unchanged", clientOrderId,
                    TimeUnit.NANOSECONDS.toSeconds(windowNanos));
            }
        }
        lastProblem = "";
    }

    /** The order's execution as the order manager stored it, or null when it has none (404). */
    private Execution lookUp(String clientOrderId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(ordersUrl + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return executionOf(JSON.readTree(response.body()));
    }

    /** An order item of the order manager's REST API as the execution the order port would have sent. */
    static Execution executionOf(JsonNode item) {
        String clientOrderId = item.path("clientOrderId").asString();
        long orderId = item.path("orderId").asLong();
        long ts = item.path("ts").asLong();
        ExecutionStatus status = ExecutionStatus.valueOf(item.path("status").asString());
        if (status == ExecutionStatus.FILLED) {
            return Execution.filled(clientOrderId, orderId, item.path("filledQuantity").asLong(),
                Prices.parse(item.path("price").decimalValue().toPlainString()), ts);
        }
        return Execution.rejected(clientOrderId, orderId, item.path("reason").asString(), ts);
    }

    private void problem(String problem) {
        if (!problem.equals(lastProblem)) {
            lastProblem = problem;
            log.warn("{}; {} expired orders stay in doubt and are looked up again", problem, inDoubt.size());
        }
    }

    private String ids() {
        StringBuilder ids = new StringBuilder();
        for (InDoubt order : inDoubt) {
            ids.append(ids.isEmpty() ? "" : ", ").append(order.expired().order().clientOrderId());
        }
        return ids.toString();
    }

    private record InDoubt(OrderOutcome expired, long giveUpAtNanos) {
    }
}
