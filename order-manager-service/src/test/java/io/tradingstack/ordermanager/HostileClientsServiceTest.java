package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Hostile clients against a running order manager while a healthy client trades: a thousand
 * garbage frames (each on its own connection, since the first one closes a connection), a frame
 * that trickles in one byte a second, and one connection more than the cap. Each closes only the
 * offending connection with an {@code error} naming why, each is counted in
 * {@code trading.frames.invalid}, the heap stays within 16 MiB of where it started, and every
 * order of the healthy client is answered.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileClientsServiceTest extends JournaledServiceTest {

    private static final int GARBAGE_FRAMES = 1_000;
    private static final int MAX_CONNECTIONS = 8;
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;

    @Test
    void shouldCloseOnlyTheOffendingConnectionsCountEachAndKeepAnsweringTheHealthyClient() throws Exception {
        try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path(),
                "trading.order-manager.server.max-connections=" + MAX_CONNECTIONS,
                "trading.order-manager.server.read-timeout=3s",
                "trading.order-manager.risk.max-orders-per-second=100000");
                HealthyTrader trader = new HealthyTrader(manager.connect())) {
            trader.start();
            trader.awaitAnswered(20);
            sendGarbage(manager, 50, new Random(7)); // warm up the refusal path before the heap is measured
            long heapBefore = usedHeapAfterGc();
            double invalidBefore = invalidFrames(manager, null);

            List<String> reasons = sendGarbage(manager, GARBAGE_FRAMES, new Random(42));
            assertThat(reasons).hasSize(GARBAGE_FRAMES).doesNotContainNull();
            assertThat(reasons).contains("MALFORMED_JSON", "MISSING_FIELD", "WRONG_FIELD_TYPE", "FRAME_TOO_LARGE",
                "UNEXPECTED_FRAME", "UNKNOWN_TYPE");

            trickle(manager);
            overTheCap(manager);

            long heapAfter = usedHeapAfterGc();
            assertThat(heapAfter - heapBefore).as("heap growth over %,d garbage frames, a trickle and the cap, bytes "
                + "(before %,d, after %,d)", GARBAGE_FRAMES, heapBefore, heapAfter).isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(invalidFrames(manager, null) - invalidBefore).as("every offence counted")
                .isEqualTo(GARBAGE_FRAMES + 2);
            assertThat(invalidFrames(manager, "READ_TIMEOUT")).isEqualTo(1);
            assertThat(invalidFrames(manager, "TOO_MANY_CONNECTIONS")).isEqualTo(1);

            long answeredBeforeStop = trader.answered();
            trader.awaitAnswered(answeredBeforeStop + 20); // still trading after all of it
            trader.stop();
            assertThat(trader.failure()).as("the healthy client's connection").isNull();
            assertThat(trader.answered()).as("every order sent was answered").isEqualTo(trader.sent()).isPositive();
        }
    }

    /** Garbage frames, each on a new connection: every one gets an error and a close. Returns the reasons. */
    private static List<String> sendGarbage(OrderManagerInstance manager, int count, Random random) throws IOException {
        List<String> reasons = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try (OrderTestClient client = manager.connect()) {
                garbage(client, i, random);
                ErrorFrame error = client.readError();
                assertThat(client.isClosedByServer()).as("closed after " + error).isTrue();
                reasons.add(error.reason());
            }
        }
        return reasons;
    }

    private static void garbage(OrderTestClient client, int i, Random random) throws IOException {
        switch (i % 7) {
            case 0 -> client.sendPayload("{\"type\":\"order\",\"clientOrderId\":");
            case 1 -> client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"g-" + i + "\",\"strategyId\":\"bad\","
                + "\"side\":\"BUY\",\"quantity\":1}");
            case 2 -> client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"g-" + i + "\",\"strategyId\":\"bad\","
                + "\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":\"10\"}");
            case 3 -> client.sendRaw("not a frame at all".getBytes(StandardCharsets.US_ASCII));
            case 4 -> client.send(Execution.rejected("g-" + i, 1, "NOPE", 1));
            case 5 -> client.sendPayload("{\"type\":\"teleport\",\"to\":\"mars\"}");
            default -> {
                byte[] payload = new byte[1 + random.nextInt(200)];
                random.nextBytes(payload);
                payload[0] = '#'; // never a JSON value
                byte[] frame = new byte[Framing.HEADER_LENGTH + payload.length];
                Framing.writeLength(payload.length, frame, 0);
                System.arraycopy(payload, 0, frame, Framing.HEADER_LENGTH, payload.length);
                client.sendRaw(frame);
            }
        }
    }

    /** A frame whose bytes come one a second: closed once the read timeout passes, counted as READ_TIMEOUT. */
    private static void trickle(OrderManagerInstance manager) throws Exception {
        try (OrderTestClient client = manager.connect()) {
            byte[] header = new byte[Framing.HEADER_LENGTH];
            Framing.writeLength(100, header, 0);
            client.sendRaw(header);
            AtomicBoolean closed = new AtomicBoolean();
            Thread dripper = new Thread(() -> {
                try {
                    while (!closed.get()) {
                        client.sendRaw(new byte[] {'{'});
                        Thread.sleep(1_000);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: the end of the trickle
                }
            }, "trickle");
            dripper.start();
            // No error frame: the connection is inside a frame, so an error could not be read as one.
            assertThat(client.isClosedByServer()).as("closed while the frame trickles").isTrue();
            closed.set(true);
            dripper.interrupt();
            dripper.join(10_000);
        }
    }

    /** Connections up to the cap are held; the next one is refused with the reason and closed. */
    private static void overTheCap(OrderManagerInstance manager) throws Exception {
        List<OrderTestClient> held = new ArrayList<>();
        try {
            awaitConnections(manager, 1); // the healthy client only: every refused connection is gone
            for (int i = 1; i < MAX_CONNECTIONS; i++) {
                held.add(manager.connect());
            }
            awaitConnections(manager, MAX_CONNECTIONS);
            try (OrderTestClient refused = manager.connect()) {
                assertThat(refused.readError().reason()).isEqualTo("TOO_MANY_CONNECTIONS");
                assertThat(refused.isClosedByServer()).isTrue();
            }
        } finally {
            for (OrderTestClient client : held) {
                client.close();
            }
        }
        awaitConnections(manager, 1);
    }

    private static void awaitConnections(OrderManagerInstance manager, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int connections = -1;
        while (System.nanoTime() < deadline) {
            JsonNode orders = manager.getJson("/actuator/health").path("components").path("orders").path("details");
            connections = orders.path("connections").asInt();
            if (connections == expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the order server holds " + connections + " connections, " + expected + " expected");
    }

    private static double invalidFrames(OrderManagerInstance manager, String reason) {
        var search = manager.registry().find("trading.frames.invalid").tag("service", "order-manager");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the lowest of a few: a collection may be under way
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Trades one share at a time, buy and sell in turn, each order waiting for its execution. */
    private static final class HealthyTrader implements AutoCloseable {

        private final OrderTestClient client;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        HealthyTrader(OrderTestClient client) {
            this.client = client;
            this.thread = new Thread(this::trade, "healthy-trader");
        }

        void start() {
            thread.start();
        }

        private void trade() {
            try {
                for (long i = 1; running.get(); i++) {
                    Order order = new Order("healthy-" + i, "healthy", "AAPL", i % 2 == 0 ? Side.SELL : Side.BUY, 1,
                        Prices.NONE, 0);
                    sent.incrementAndGet();
                    Execution execution = client.order(order);
                    assertThat(execution.clientOrderId()).isEqualTo(order.clientOrderId());
                    answered.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        void awaitAnswered(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < count && failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(failure.get()).as("the healthy client").isNull();
            assertThat(answered.get()).as("orders answered").isGreaterThanOrEqualTo(count);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
        }

        long sent() {
            return sent.get();
        }

        long answered() {
            return answered.get();
        }

        Throwable failure() {
            return failure.get();
        }

        @Override
        public void close() throws Exception {
            stop();
            client.close();
        }
    }
}
