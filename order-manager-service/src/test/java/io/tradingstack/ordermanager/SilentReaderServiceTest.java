package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.journal.JournaledOrderStore;
import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread that commits a batch writes the executions of every order in it, whichever
 * connection it came from: a strategy that sends orders and stops reading its answers fills its
 * socket buffers and blocks that thread, and every other connection's answers behind it. Its
 * connection is cut once an answer has blocked for {@code answer-write-timeout}, the other
 * connections' answers go on, and nothing of the silent one is lost: its orders are stored, and
 * the same order sent again after a reconnect gets its original execution.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SilentReaderServiceTest extends JournaledServiceTest {

    /** Orders the silent client sends at most; its socket buffers fill long before (a few thousand executions). */
    private static final int MAX_SILENT_ORDERS = 500_000;

    @Test
    void shouldCutAConnectionThatStopsReadingItsExecutionsAndKeepAnsweringTheOthers() throws Exception {
        try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path(),
                "trading.order-manager.server.answer-write-timeout=300ms",
                "trading.order-manager.risk.max-orders-per-second=100000");
                OrderTestClient healthy = manager.connect();
                OrderTestClient silent = OrderTestClient.connectWithReceiveBuffer(
                    manager.bean(OrderServer.class).port(), 4096)) {
            assertThat(healthy.order(order("healthy-first", "healthy")).clientOrderId()).isEqualTo("healthy-first");

            // Sends until the server cuts it: the sends go on while the server reads and decides,
            // and fail once the connection is closed.
            AtomicInteger sent = new AtomicInteger();
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < MAX_SILENT_ORDERS; i++) {
                        silent.send(order("silent-" + i, "silent"));
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // cut: what the test waits for
                }
            }, "silent-strategy");
            flood.start();
            flood.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(flood.isAlive()).as("the silent client's sends end once the server cuts it").isFalse();
            assertThat(sent.get()).as("cut before it sent everything").isLessThan(MAX_SILENT_ORDERS);

            for (int i = 0; i < 20; i++) {
                Execution answer = healthy.order(order("healthy-" + i, "healthy"));
                assertThat(answer.clientOrderId()).as("the other connection is still answered").isEqualTo("healthy-" + i);
            }

            JournaledOrderStore store = manager.bean(JournaledOrderStore.class);
            OrderRecord first = store.find("silent-0");
            assertThat(first).as("the silent client's first order is stored").isNotNull();
            try (OrderTestClient reconnected = manager.connect()) {
                Execution resent = reconnected.order(order("silent-0", "silent"));
                assertThat(resent).as("the resend gets the original execution").isEqualTo(first.execution());
            }
        }
    }

    private static Order order(String clientOrderId, String strategyId) {
        return new Order(clientOrderId, strategyId, "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }
}
