package io.tradingstack.orderbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heartbeat agent driven from the test thread: the writer's clock and the schedule's are the test's. */
class BookHeartbeatTest {

    private static final long MILLI = 1_000_000L;

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000_000_000L);
    private PriceBookWriter writer;
    private PriceBookReader reader;

    @BeforeEach
    void openBook() {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 4, now::get);
        reader = PriceBookReader.open(path, Duration.ofSeconds(1), 100, now::get);
    }

    @AfterEach
    void closeBook() {
        writer.close();
    }

    @Test
    void shouldStampTheHeaderAtOnceThenOncePerInterval() throws Exception {
        PeriodicAgent heartbeat = BookHeartbeat.agent(writer, PeriodicSchedule.every(Duration.ofMillis(100), true, now::get));
        long started = now.get();

        assertThat(heartbeat.doWork()).isEqualTo(1);
        assertThat(reader.writerHeartbeat()).isEqualTo(started);

        now.addAndGet(99 * MILLI);
        assertThat(heartbeat.doWork()).as("not due yet").isZero();
        assertThat(reader.writerHeartbeat()).isEqualTo(started);

        now.addAndGet(MILLI);
        assertThat(heartbeat.doWork()).isEqualTo(1);
        assertThat(reader.writerHeartbeat()).isEqualTo(started + 100 * MILLI);
        assertThat(heartbeat.roleName()).isEqualTo("pricebook-heartbeat");
    }
}
