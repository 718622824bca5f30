package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recording the README tells a user to replay, {@code samples/news-and-prices.csv}, played
 * by the gateway through the whole stack as four JVMs ({@link ProcessStack}) the way the README
 * runs it (recorded pace, looping): its news and trends make the reference strategy trade, and the
 * order manager fills the orders.
 */
class SampleReplayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private final ProcessStack stack = new ProcessStack();

    @AfterEach
    void stopTheStack() throws Exception {
        stack.close();
    }

    @Test
    @Timeout(300)
    void shouldTradeOnTheShippedSampleRecording() throws Exception {
        Path sample = StackLayout.root().resolve("samples/news-and-prices.csv");
        stack.start(directory, List.of("--trading.gateway.source=replay", "--trading.gateway.replay.path=" + sample,
                "--trading.gateway.replay.loop=true"));
        ServiceProcess orderManager = stack.orderManager();

        // The sample turns each symbol every 10 s with news that agree 3.5 s into each turn; a
        // loaded machine may miss a few, never all of a 60 s loop.
        Deadline.await("the order manager lists FILLED orders from the replayed sample", Duration.ofSeconds(150),
                () -> filled(JSON.readTree(orderManager.getOk("/api/orders?page=0&size=50"))) > 0);

        JsonNode orders = JSON.readTree(orderManager.getOk("/api/orders?page=0&size=50"));
        assertThat(orders.get("total").asLong()).isPositive();
        assertThat(OrderManagerRest.orders(orderManager)).anySatisfy(order -> {
            assertThat(order.get("status").asString()).isEqualTo("FILLED");
            assertThat(order.get("filledQuantity").asLong()).isPositive();
            assertThat(order.get("symbol").asString()).isIn("AAPL", "MSFT", "GOOGL");
        });
    }

    private static long filled(JsonNode orders) {
        long filled = 0;
        for (JsonNode order : orders.get("items")) {
            if ("FILLED".equals(order.get("status").asString())) {
                filled++;
            }
        }
        return filled;
    }
}
