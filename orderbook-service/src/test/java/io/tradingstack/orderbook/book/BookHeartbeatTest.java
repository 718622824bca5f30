package io.tradingstack.orderbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat agent driven from the test thread: the writer's clock and the schedule's are the test's. */
class BookHeartbeatTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void shouldStampTheHeaderAtOnceThenOncePerInterval(@TempDir Path directory) throws Exception {
        AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
        Path book = directory.resolve("pricebook.dat");
        try (PriceBookWriter writer = PriceBookWriter.open(book, 4, clock::get)) {
            PriceBookReader reader = PriceBookReader.open(book, Duration.ofSeconds(1), 100, clock::get);
            PeriodicAgent heartbeat = BookHeartbeat.agent(writer, PeriodicSchedule.every(Duration.ofMillis(100), true, clock::get));
            long started = clock.get();

            assertThat(heartbeat.doWork()).isEqualTo(1);
            assertThat(reader.writerHeartbeat()).isEqualTo(started);

            clock.addAndGet(99 * MILLI);
            assertThat(heartbeat.doWork()).as("not due yet").isZero();
            assertThat(reader.writerHeartbeat()).isEqualTo(started);

            clock.addAndGet(MILLI);
            assertThat(heartbeat.doWork()).isEqualTo(1);
            assertThat(reader.writerHeartbeat()).isEqualTo(started + 100 * MILLI);
            assertThat(heartbeat.roleName()).isEqualTo("pricebook-heartbeat");
        }
    }
}
