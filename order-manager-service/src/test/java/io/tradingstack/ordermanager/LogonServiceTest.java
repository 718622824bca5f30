package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.ordermanager.store.OrderStore;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With tokens configured, a connection must log on first with a matching token: a wrong or
 * missing one gets AUTH_FAILED and a close; a good one gets no reply, and binds the connection
 * to its strategy. Also the connection cap (3 here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.port=0",
    "trading.order-manager.server.order-port=0",
    "trading.order-manager.server.max-connections=3",
    "trading.order-manager.tokens.alpha=alpha-secret",
    "trading.order-manager.tokens.beta=beta-secret",
    "trading.pricebook.staleness=1h"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogonServiceTest {

    private static final AtomicLong IDS = new AtomicLong();

    @TempDir
    static Path bookDirectory;

    static TestPriceBook book;

    @Autowired
    private OrderServer server;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private OrderStore store;

    @DynamicPropertySource
    static void bookAndJournalPaths(DynamicPropertyRegistry registry) {
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("pricebook.dat").toString());
        registry.add("trading.order-manager.journal.path", () -> bookDirectory.resolve("orders.journal").toString());
    }

    @BeforeAll
    static void writeBook() {
        book = TestPriceBook.create(bookDirectory.resolve("pricebook.dat")).quote("AAPL", "100.00", "100.02");
    }

    @AfterAll
    static void closeBook() {
        book.close();
    }

    @BeforeEach
    void awaitServer() throws InterruptedException {
        assertThat(server.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldTradeAfterAGoodLogonWithoutReplyingToIt() throws Exception {
        try (OrderTestClient client = OrderTestClient.connect(server.port())) {
            client.send(new Logon("alpha", "alpha-secret"));
            // A good logon gets no reply: the next frame is the answer to the order sent after it.
            Order order = order("alpha");
            Execution execution = client.order(order);
            assertThat(execution.clientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRejectAnOrderForAnotherStrategyThanTheLoggedOnOneAndStayOpen() throws Exception {
        try (OrderTestClient client = OrderTestClient.connect(server.port())) {
            client.send(new Logon("alpha", "alpha-secret"));
            Order forAnother = order("beta");
            assertRejected(client.order(forAnother), RejectReason.STRATEGY_MISMATCH);
            assertThat(store.find(forAnother.clientOrderId())).as("refused, never decided nor filled").isNull();
            assertThat(client.order(order("alpha")).status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldCloseAConnectionWithAWrongToken() throws Exception {
        assertAuthFailed(new Logon("alpha", "beta-secret"));
    }

    @Test
    void shouldNeverDecideAnOrderSentRightBehindAWrongToken() throws Exception {
        Order behind = order("alpha");
        assertAuthFailed(new Logon("alpha", "beta-secret"), behind);
        assertThat(store.find(behind.clientOrderId())).as("the order behind the refused logon").isNull();
    }

    @Test
    void shouldCloseAConnectionWithAMissingToken() throws Exception {
        assertAuthFailed(new Logon("alpha", ""));
    }

    @Test
    void shouldCloseAConnectionOfAnUnknownStrategy() throws Exception {
        assertAuthFailed(new Logon("gamma", "alpha-secret"));
    }

    @Test
    void shouldCloseAConnectionWhoseFirstFrameIsAnOrder() throws Exception {
        Order withoutLogon = order("alpha");
        assertAuthFailed(withoutLogon);
        assertThat(store.find(withoutLogon.clientOrderId())).as("an order without a logon is never decided").isNull();
    }

    @Test
    void shouldRefuseConnectionsBeyondTheCap() throws Exception {
        awaitNoConnections();
        List<OrderTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                OrderTestClient client = OrderTestClient.connect(server.port());
                open.add(client);
                client.send(new Logon("alpha", "alpha-secret"));
                assertThat(client.order(order("alpha")).status()).isEqualTo(ExecutionStatus.FILLED);
            }
            try (OrderTestClient fourth = OrderTestClient.connect(server.port())) {
                assertThat(fourth.readError().reason()).isEqualTo("TOO_MANY_CONNECTIONS");
                assertThat(fourth.isClosedByServer()).isTrue();
            }
            assertThat(server.openConnections()).isEqualTo(3);
        } finally {
            for (OrderTestClient client : open) {
                client.close();
            }
        }
    }

    private void assertAuthFailed(Message... frames) throws Exception {
        double before = authFailures();
        try (OrderTestClient client = OrderTestClient.connect(server.port())) {
            for (Message frame : frames) {
                client.send(frame);
            }
            ErrorFrame error = client.readError();
            assertThat(error.reason()).isEqualTo("AUTH_FAILED");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(authFailures()).isEqualTo(before + 1);
    }

    private double authFailures() {
        return registry.get("trading.frames.invalid").tags("service", "order-manager", "reason", "AUTH_FAILED")
            .counter().count();
    }

    private void awaitNoConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() > 0) {
            assertThat(System.nanoTime()).as("connections of earlier tests closed").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Order order(String strategyId) {
        return new Order(strategyId + "-" + IDS.incrementAndGet(), strategyId, "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }
}
