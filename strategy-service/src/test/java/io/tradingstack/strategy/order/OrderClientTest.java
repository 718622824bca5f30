package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.strategy.FakeOrderManager;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.tls.ClientTlsProperties;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.util.unit.DataSize;

/**
 * One order client against a fake order manager: answers, rejections, expiry, a refused logon, no
 * server, a connection closed or refused mid-order, a frame that does not decode, and the order
 * written on the submitting thread. The client's flows live in a small Spring Integration
 * context of their own, as in the service.
 *
 * <p>No test races a reply timeout or an expiry against the fake or the client's threads: an
 * answer that is to come is given 10 s, and an expiry that is to pass is one the test waits out
 * (10 s where attempts must fit in it), or is passed while the client is held in the listener.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderClientTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final BlockingQueue<OrderOutcome> outcomes = new LinkedBlockingQueue<>();
    /**
     * Each outcome's hand-over waits for it, so a test can hold the thread handing it over (the
     * timer thread for an expiry); open by default.
     */
    private volatile CountDownLatch handOver = new CountDownLatch(0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeOrderManager orderManager;
    private AnnotationConfigApplicationContext context;
    private OrderClients clients;
    private OrderClient client;
    private UnsettledOrders unsettled;
    private long counter;

    @AfterEach
    void stop() throws Exception {
        if (clients != null) {
            clients.stop();
        }
        if (context != null) {
            context.close();
        }
        if (orderManager != null) {
            orderManager.close();
        }
    }

    @Test
    void shouldHandBackTheFillAndTimeTheRoundTrip() throws Exception {
        orderManager = new FakeOrderManager();
        client = start(orderManager.port(), "", GENEROUS, GENEROUS);
        Order order = order();

        assertThat(client.submit(order)).isTrue();

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome).isNotNull();
        assertThat(outcome.isFilled()).isTrue();
        assertThat(outcome.order()).isEqualTo(order);
        assertThat(outcome.execution().filledQuantity()).isEqualTo(100);
        assertThat(outcome.execution().price()).isEqualTo(FakeOrderManager.FILL_PRICE);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(registry.get("trading.hop.order.round.trip").timer().count()).isEqualTo(1);
        assertThat(client.status().connected()).isTrue();
        assertThat(orderManager.connectionsWithoutLogon()).as("no token: no logon").isNotEmpty();
    }

    @Test
    void shouldTimeTheNewsTickToTheOrderWrittenFromItsOriginTs() throws Exception {
        orderManager = new FakeOrderManager();
        client = start(orderManager.port(), "", GENEROUS, GENEROUS);
        long emitted = SystemEpochNanoClock.instance().epochNanos() - TimeUnit.MILLISECONDS.toNanos(5);
        Order order = new Order("momentum-1-emitted", "momentum-1", "AAPL", Side.BUY, 100, Prices.NONE, emitted);

        client.submit(order);

        assertThat(outcomes.poll(10, TimeUnit.SECONDS)).isNotNull();
        Timer newsToSent = registry.get("trading.hop.news.to.order.sent").timer();
        assertThat(newsToSent.count()).isEqualTo(1);
        assertThat(newsToSent.totalTime(TimeUnit.NANOSECONDS)).as("from the news tick's emit, 5 ms before the submit")
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    }

    @Test
    void shouldHandBackARejectionAsFinal() throws Exception {
        orderManager = new FakeOrderManager();
        orderManager.policy((order, receipt) -> new FakeOrderManager.Reject("NOT_MARKETABLE"));
        client = start(orderManager.port(), "", GENEROUS, GENEROUS);

        client.submit(order());

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome.isRejected()).isTrue();
        assertThat(outcome.execution().status()).isEqualTo(ExecutionStatus.REJECTED);
        assertThat(outcome.execution().reason()).isEqualTo("NOT_MARKETABLE");
        assertThat(outcome.attempts()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAfterTheExpiryWhenNoAnswerComes() throws Exception {
        orderManager = new FakeOrderManager();
        // Never answered: every reply timeout fires for sure; the expiry leaves room for ~20 of them.
        orderManager.policy((order, receipt) -> new FakeOrderManager.Fill(60_000));
        client = start(orderManager.port(), "", Duration.ofMillis(500), GENEROUS);
        Order order = order();

        client.submit(order);

        OrderOutcome outcome = outcomes.poll(20, TimeUnit.SECONDS);
        assertThat(outcome.isExpired()).isTrue();
        assertThat(outcome.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(outcome.problem()).isEqualTo("no execution for " + order.clientOrderId() + " within 500 ms");
        for (int i = 0; i < outcome.attempts(); i++) {
            assertThat(orderManager.nextOrder(10_000).order()).isEqualTo(order);
        }
        assertThat(registry.get("trading.strategy.order.retries").counter().count()).isEqualTo(outcome.attempts() - 1);
        assertThat(registry.find("trading.hop.order.round.trip").timer().count()).isZero();
        assertThat(registry.get("trading.hop.news.to.order.sent").timer().count()).as("the first attempt only").isEqualTo(1);
        // Sent, so it may have filled: in doubt until its cancel is answered, which the fake, busy
        // sleeping before the last attempt's answer, cannot do before the test ends.
        assertThat(unsettled.inDoubt()).isEqualTo(1);
        assertThat(registry.get("trading.strategy.orders.in.doubt").gauge().value()).isEqualTo(1);
    }

    @Test
    void shouldSettleAnOrderThatExpiredUnansweredByACancelOnTheSameConnection() throws Exception {
        orderManager = new FakeOrderManager();
        // The order is never answered; its only attempt waits for the expiry, which the test waits out.
        orderManager.policy((order, receipt) -> new FakeOrderManager.Ignore());
        client = start(orderManager.port(), "", Duration.ofMinutes(5), Duration.ofMillis(300));
        Order order = order();

        client.submit(order);

        OrderOutcome expired = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(expired.isExpired()).isTrue();
        assertThat(expired.attempts()).isEqualTo(1);
        OrderOutcome settled = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(settled).as("the cancel's answer").isNotNull();
        assertThat(settled.reconciled()).isTrue();
        assertThat(settled.order()).isEqualTo(order);
        assertThat(settled.isCancelled()).as("the cancel reached the order manager first").isTrue();
        assertThat(settled.isFilled()).isFalse();
        FakeOrderManager.Received sent = orderManager.nextOrder(10_000);
        FakeOrderManager.ReceivedCancel cancel = orderManager.nextCancel(10_000);
        assertThat(cancel.cancel().clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(cancel.cancel().strategyId()).isEqualTo(order.strategyId());
        assertThat(cancel.connection()).as("behind the order, on its connection").isEqualTo(sent.connection());
        assertThat(orderManager.connectionsAccepted()).isEqualTo(1);
        assertThat(unsettled.inDoubt()).isZero();
        assertThat(registry.get("trading.strategy.orders.settled").tag("status", "not_filled").counter().count())
            .isEqualTo(1);
        assertThat(registry.get("trading.strategy.order.retries").counter().count()).as("a cancel is no order retry").isZero();
    }

    @Test
    void shouldHandBackALateFillAsTheAnswerToTheCancel() throws Exception {
        orderManager = new FakeOrderManager();
        // Filled, and the execution lost: only the cancel can tell.
        orderManager.policy((order, receipt) -> new FakeOrderManager.Lose());
        client = start(orderManager.port(), "", Duration.ofMinutes(5), Duration.ofMillis(300));
        Order order = order();

        client.submit(order);

        assertThat(outcomes.poll(10, TimeUnit.SECONDS).isExpired()).isTrue();
        OrderOutcome settled = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(settled.reconciled()).isTrue();
        assertThat(settled.isFilled()).isTrue();
        assertThat(settled.execution().filledQuantity()).isEqualTo(order.quantity());
        assertThat(settled.execution().price()).isEqualTo(FakeOrderManager.FILL_PRICE);
        assertThat(registry.get("trading.strategy.orders.settled").tag("status", "filled").counter().count()).isEqualTo(1);
        assertThat(unsettled.inDoubt()).isZero();
    }

    @Test
    void shouldKeepTheOrderInDoubtAndResendItsCancelAfterAReconnectAndLogon() throws Exception {
        orderManager = new FakeOrderManager("token-1");
        Order order = order();
        Order next = order();
        // The first order is never answered; the expiry, waited out, ends it.
        orderManager.policy((sent, receipt) -> sent.equals(order) ? new FakeOrderManager.Ignore() : new FakeOrderManager.Fill(0));
        // The first cancel loses its connection unanswered; the second, on a new logged-on connection, is answered.
        CountDownLatch firstCancel = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        orderManager.cancelPolicy((cancel, receipt) -> {
            if (receipt > 1) {
                return new FakeOrderManager.Settle();
            }
            firstCancel.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FakeOrderManager.Close();
        });
        // An expiry the next order cannot reach while it waits for the cancel, its reconnect and logon.
        client = start(orderManager.port(), "token-1", Duration.ofMinutes(5), GENEROUS);

        client.submit(order);
        assertThat(outcomes.poll(20, TimeUnit.SECONDS).isExpired()).isTrue();
        assertThat(firstCancel.await(10, TimeUnit.SECONDS)).isTrue();
        awaitTrue(() -> unsettled.inDoubt() == 1);
        assertThat(client.submit(next)).isTrue(); // waits behind the cancel
        release.countDown();

        OrderOutcome settled = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(settled.order()).isEqualTo(order);
        assertThat(settled.reconciled()).isTrue();
        assertThat(settled.isCancelled()).isTrue();
        OrderOutcome nextOutcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(nextOutcome.order()).as("the order behind the cancel goes after it").isEqualTo(next);
        assertThat(nextOutcome.isFilled()).isTrue();
        FakeOrderManager.ReceivedCancel first = orderManager.nextCancel(10_000);
        FakeOrderManager.ReceivedCancel second = orderManager.nextCancel(10_000);
        assertThat(second.connection()).as("resent on a new connection").isNotEqualTo(first.connection());
        assertThat(second.logon()).as("after the logon").isNotNull();
        assertThat(second.cancel()).isEqualTo(first.cancel());
        assertThat(unsettled.inDoubt()).isZero();
    }

    @Test
    void shouldCountTheExpiryFromTheHandOverForAnOrderQueuedBehindAnother() throws Exception {
        orderManager = new FakeOrderManager();
        orderManager.policy((order, receipt) -> new FakeOrderManager.Fill(60_000));
        handOver = new CountDownLatch(1);
        Duration expiry = Duration.ofMillis(500);
        client = start(orderManager.port(), "", Duration.ofMillis(100), expiry);
        Order first = order();
        Order second = order();

        client.submit(first);
        client.submit(second);
        long secondHandedOver = System.nanoTime(); // not before the client's own stamp of it

        // The timer thread is held handing over the first (expired) outcome until the second's expiry has passed.
        assertThat(outcomes.poll(10, TimeUnit.SECONDS).order()).isEqualTo(first);
        while (System.nanoTime() - secondHandedOver <= expiry.toNanos()) {
            Thread.sleep(10);
        }
        handOver.countDown();
        // The first was sent, so its cancel goes before the second: the fake had filled it.
        OrderOutcome settled = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(settled.order()).isEqualTo(first);
        assertThat(settled.reconciled()).isTrue();
        OrderOutcome queued = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(queued.order()).isEqualTo(second);
        assertThat(queued.isExpired()).isTrue();
        assertThat(queued.attempts()).as("its decision is too old to send").isZero();
        assertThat(queued.problem()).contains("queued behind other orders");
    }

    @Test
    void shouldLogOnFirstAndReportARefusedLogon() throws Exception {
        orderManager = new FakeOrderManager("right-token");
        // Every attempt ends on the refusal, never on a reply timeout; the expiry ends the order.
        client = start(orderManager.port(), "wrong-token", GENEROUS, GENEROUS);

        awaitTrue(() -> client.status().lastError().contains("order manager sent error AUTH_FAILED"));
        client.submit(order());

        OrderOutcome outcome = outcomes.poll(20, TimeUnit.SECONDS);
        assertThat(outcome.isExpired()).isTrue();
        // The refusal itself, or the write it broke (when the write fails first, the error frame is lost with the socket).
        assertThat(outcome.problem()).containsAnyOf("AUTH_FAILED", "sending to", "closed");
        assertThat(outcome.attempts()).isPositive();
        // Refused at the logon, it never read an order: one it read would have been filled, not expired.
        assertThat(orderManager.nextOrder(0)).isNull();
        assertThat(orderManager.connectionsWithoutLogon()).isEmpty();
        assertThat(client.status().connected()).isFalse();
    }

    @Test
    void shouldExpireAndReportWhenTheOrderManagerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        // Every connect fails at once; the expiry leaves the timer thread time to try, loaded or not.
        client = start(port, "", Duration.ofMillis(200), GENEROUS);

        client.submit(order());

        OrderOutcome outcome = outcomes.poll(20, TimeUnit.SECONDS);
        assertThat(outcome.isExpired()).isTrue();
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.problem()).contains("cannot connect to the order manager at 127.0.0.1:" + port);
        assertThat(client.status().connected()).isFalse();
        assertThat(client.status().lastError()).contains("Connection refused");
        assertThat(unsettled.inDoubt()).as("never sent: it cannot be in the order manager").isZero();
    }

    @Test
    void shouldEndTheWaitAtOnceWhenTheOrderManagerClosesAndResendOnANewConnection() throws Exception {
        orderManager = new FakeOrderManager();
        orderManager.policy((order, receipt) -> receipt == 1 ? new FakeOrderManager.Close() : new FakeOrderManager.Fill(0));
        // A reply timeout far beyond the 10 s the test waits: only the close can end the first attempt in time.
        client = start(orderManager.port(), "", Duration.ofMinutes(5), Duration.ofMinutes(10));
        Order order = order();

        client.submit(order);

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome).as("answered without waiting out the reply timeout").isNotNull();
        assertThat(outcome.isFilled()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        FakeOrderManager.Received first = orderManager.nextOrder(10_000);
        FakeOrderManager.Received second = orderManager.nextOrder(10_000);
        assertThat(second.order()).isEqualTo(first.order()).isEqualTo(order);
        assertThat(second.connection()).as("resent on a new connection").isNotEqualTo(first.connection());
        assertThat(registry.get("trading.strategy.order.retries").counter().count()).isEqualTo(1);
        assertThat(client.status().lastError()).isEqualTo("connection to 127.0.0.1:" + orderManager.port() + " closed");
    }

    @Test
    void shouldEndTheWaitAtOnceOnAnErrorFrameAndNameIt() throws Exception {
        orderManager = new FakeOrderManager();
        orderManager.policy((order, receipt) -> receipt == 1 ? new FakeOrderManager.Refuse("TEST_REFUSAL")
            : new FakeOrderManager.Fill(0));
        client = start(orderManager.port(), "", Duration.ofMinutes(5), Duration.ofMinutes(10));

        client.submit(order());

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome).as("answered without waiting out the reply timeout").isNotNull();
        assertThat(outcome.isFilled()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(client.status().lastError()).isEqualTo("order manager sent error TEST_REFUSAL: refused by the test");
    }

    @Test
    void shouldCountAFrameThatDoesNotDecodeCloseTheConnectionAndResend() throws Exception {
        orderManager = new FakeOrderManager();
        orderManager.policy((order, receipt) -> receipt == 1 ? new FakeOrderManager.Garbage() : new FakeOrderManager.Fill(0));
        client = start(orderManager.port(), "", Duration.ofMinutes(5), Duration.ofMinutes(10));

        client.submit(order());

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome).isNotNull();
        assertThat(outcome.isFilled()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(registry.get("trading.frames.invalid").tag("service", "strategy").tag("reason", "MALFORMED_JSON")
            .counter().count()).isEqualTo(1);
        assertThat(client.status().lastError()).startsWith("invalid frame from the order manager: MALFORMED_JSON");
        assertThat(orderManager.nextOrder(10_000).connection()).isNotEqualTo(orderManager.nextOrder(10_000).connection());
    }

    @Test
    void shouldWriteTheOrderOnTheSubmittingThreadWhenIdleAndConnected() throws Exception {
        orderManager = new FakeOrderManager();
        client = start(orderManager.port(), "", GENEROUS, GENEROUS);
        awaitTrue(() -> client.status().connected());
        // Hold the client's timer thread: an order handed to it could not leave until released.
        CountDownLatch timerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client.timer().execute(() -> {
            timerHeld.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(timerHeld.await(10, TimeUnit.SECONDS)).isTrue();
        Order order = order();

        try {
            assertThat(client.submit(order)).isTrue();

            FakeOrderManager.Received received = orderManager.nextOrder(10_000);
            assertThat(received).as("sent while the timer thread is held").isNotNull();
            assertThat(received.order()).isEqualTo(order);
            OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
            assertThat(outcome).as("handed over by the read thread").isNotNull();
            assertThat(outcome.isFilled()).isTrue();
        } finally {
            release.countDown();
        }
    }

    private OrderClient start(int port, String token, Duration replyTimeout, Duration expiry) {
        StrategyProperties.OrderManager settings = new StrategyProperties.OrderManager("127.0.0.1", port, replyTimeout, expiry,
            Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(100), DataSize.ofKilobytes(64),
            ClientTlsProperties.off());
        unsettled = new UnsettledOrders(registry);
        context = new AnnotationConfigApplicationContext(IntegrationContext.class);
        OrderClient started = new OrderClient("momentum-1", token, settings, outcome -> {
            outcomes.put(outcome);
            handOver.await();
        }, unsettled, registry, context.getBean(IntegrationFlowContext.class));
        clients = new OrderClients(List.of(started));
        context.addApplicationListener(clients);
        clients.start();
        return started;
    }

    private Order order() {
        counter++;
        return new Order("momentum-1-test-" + counter, "momentum-1", "AAPL", Side.BUY, 100, Prices.NONE, 1_234);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class IntegrationContext {
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
