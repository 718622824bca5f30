package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expired orders looked up in a stand-in for the order manager's REST API: one it has is handed
 * back with its execution, one it lacks is given up after the window, and an API that does not
 * answer leaves the orders in doubt.
 */
class ExpiredOrderReconcilerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The reconciler's clock: expiries, windows and rounds. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<OrderOutcome> handedBack = new CopyOnWriteArrayList<>();
    /** clientOrderId → the JSON the stand-in answers; absent ids get a 404. */
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private HttpServer api;

    @BeforeEach
    void startTheApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/orders/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(path);
            String body = orders.get(path.substring("/api/orders/".length()));
            byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
    }

    @AfterEach
    void stopTheApi() {
        api.stop(0);
    }

    @Test
    void shouldHandBackTheFillTheOrderManagerHas() throws Exception {
        orders.put("s-1", """
            {"clientOrderId":"s-1","strategyId":"s","symbol":"AAPL","side":"BUY","quantity":100,"orderId":42,
             "status":"FILLED","filledQuantity":100,"price":190.27,"ts":1700000000000000001,"receivedTs":1}""");
        ExpiredOrderReconciler reconciler = reconciler(api.getAddress().getPort(), Duration.ofHours(1));
        OrderOutcome expired = expired("s-1");
        reconciler.track(expired);

        reconciler.reconcileOnce();

        assertThat(handedBack).hasSize(1);
        OrderOutcome outcome = handedBack.get(0);
        assertThat(outcome.reconciled()).isTrue();
        assertThat(outcome.order()).isEqualTo(expired.order());
        assertThat(outcome.execution().status()).isEqualTo(ExecutionStatus.FILLED);
        assertThat(outcome.execution().orderId()).isEqualTo(42);
        assertThat(outcome.execution().filledQuantity()).isEqualTo(100);
        assertThat(outcome.execution().price()).isEqualTo(Prices.parse("190.27"));
        assertThat(outcome.execution().ts()).isEqualTo(1700000000000000001L);
        assertThat(reconciler.inDoubt()).isZero();
        assertThat(registry.get("trading.strategy.orders.reconciled").tag("status", "found").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldHandBackARejectionWithItsReason() throws Exception {
        orders.put("s-2", """
            {"clientOrderId":"s-2","orderId":7,"status":"REJECTED","filledQuantity":0,"reason":"STALE_PRICE","ts":5}""");
        ExpiredOrderReconciler reconciler = reconciler(api.getAddress().getPort(), Duration.ofHours(1));
        reconciler.track(expired("s-2"));

        reconciler.reconcileOnce();

        assertThat(handedBack).singleElement().satisfies(outcome -> {
            assertThat(outcome.isRejected()).isTrue();
            assertThat(outcome.execution().reason()).isEqualTo("STALE_PRICE");
        });
    }

    @Test
    void shouldKeepLookingUntilTheWindowEndsThenGiveUp() throws Exception {
        Duration window = Duration.ofSeconds(10);
        ExpiredOrderReconciler reconciler = reconciler(api.getAddress().getPort(), window);
        reconciler.track(expired("s-3"));

        now.addAndGet(window.toNanos() - 1);
        reconciler.reconcileOnce();
        assertThat(reconciler.inDoubt()).as("not found yet, within the window").isEqualTo(1);

        now.addAndGet(1);
        reconciler.reconcileOnce();

        assertThat(reconciler.inDoubt()).isZero();
        assertThat(handedBack).as("nothing to hand back: the position stays").isEmpty();
        assertThat(registry.get("trading.strategy.orders.reconciled").tag("status", "not_found").counter().count())
            .isEqualTo(1);
        assertThat(paths).containsOnly("/api/orders/s-3");
    }

    @Test
    void shouldFindAnOrderThatArrivesLateWithinTheWindow() throws Exception {
        ExpiredOrderReconciler reconciler = reconciler(api.getAddress().getPort(), Duration.ofHours(1));
        reconciler.track(expired("s-4"));
        reconciler.reconcileOnce();
        assertThat(handedBack).isEmpty();

        // The order manager decides the frame it held (it was paused), then answers the look-up.
        orders.put("s-4", """
            {"clientOrderId":"s-4","orderId":9,"status":"FILLED","filledQuantity":100,"price":10,"ts":9}""");
        reconciler.reconcileOnce();

        assertThat(handedBack).singleElement().satisfies(outcome -> assertThat(outcome.isFilled()).isTrue());
    }

    @Test
    void shouldKeepOrdersInDoubtWhileTheApiDoesNotAnswer() throws Exception {
        int port = api.getAddress().getPort();
        api.stop(0);
        ExpiredOrderReconciler reconciler = reconciler(port, Duration.ZERO);
        reconciler.track(expired("s-5"));

        reconciler.reconcileOnce();

        assertThat(reconciler.inDoubt()).as("no answer is no evidence: not given up").isEqualTo(1);
        assertThat(handedBack).isEmpty();
    }

    @Test
    void shouldRunOneRoundPerIntervalTheFirstOneIntervalAfterStart() throws Exception {
        ExpiredOrderReconciler reconciler = reconciler(api.getAddress().getPort(), Duration.ofHours(1));
        reconciler.track(expired("s-6"));

        assertThat(reconciler.doWork()).as("not due before one interval").isZero();
        assertThat(paths).isEmpty();

        now.addAndGet(INTERVAL.toNanos());
        assertThat(reconciler.doWork()).isEqualTo(1);
        assertThat(reconciler.doWork()).as("once per interval").isZero();
        assertThat(paths).containsExactly("/api/orders/s-6");

        now.addAndGet(INTERVAL.toNanos());
        assertThat(reconciler.doWork()).isEqualTo(1);
        assertThat(paths).containsExactly("/api/orders/s-6", "/api/orders/s-6");
    }

    private ExpiredOrderReconciler reconciler(int port, Duration window) {
        return new ExpiredOrderReconciler("127.0.0.1", port, INTERVAL, window, handedBack::add, registry, now::get);
    }

    private static OrderOutcome expired(String clientOrderId) {
        Order order = new Order(clientOrderId, "s", "AAPL", Side.BUY, 100, Prices.NONE, 1);
        return new OrderOutcome(order, null, 2, "no execution within 100 ms");
    }
}
