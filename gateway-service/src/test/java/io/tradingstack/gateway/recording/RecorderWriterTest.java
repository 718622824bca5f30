package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

/** The recorder's writing agent driven from the test thread. */
class RecorderWriterTest {

    private final Queue<Message> queue = new ArrayDeque<>();
    private final CountingWriter file = new CountingWriter();
    private final RecorderWriter writer = new RecorderWriter(Path.of("feeds.csv"), new FeedCsvWriter(file), queue,
            new AtomicLong());

    @Test
    void shouldWriteWhatIsQueuedInOrderAndFlushOnceCaughtUp() {
        queue.add(new PriceTick(4, 1, "AAPL", Prices.parse("1.00"), Prices.parse("1.01"), 10));
        queue.add(new NewsTick(4, 1, "AAPL", 60, "up", 11));

        assertThat(writer.doWork()).isEqualTo(2);
        assertThat(writer.doWork()).isZero();

        assertThat(file.toString()).isEqualTo("price,4,1,10,AAPL,1,1.01,,\nnews,4,1,11,AAPL,,,60,up\n");
        assertThat(file.flushes).isEqualTo(1);
    }

    @Test
    void shouldWriteABoundedNumberOfRowsPerCycleAndTheRestWhenClosed() {
        for (int i = 1; i <= RecorderWriter.MAX_ROWS_PER_CYCLE + 5; i++) {
            queue.add(new PriceTick(4, i, "AAPL", Prices.parse("1.00"), Prices.parse("1.01"), i));
        }

        assertThat(writer.doWork()).isEqualTo(RecorderWriter.MAX_ROWS_PER_CYCLE);
        assertThat(file.flushes).as("not caught up yet").isZero();

        writer.onClose();
        assertThat(writer.written()).isEqualTo(RecorderWriter.MAX_ROWS_PER_CYCLE + 5);
        assertThat(file.closed).isTrue();
    }

    private static final class CountingWriter extends StringWriter {
        int flushes;
        boolean closed;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() throws IOException {
            closed = true;
        }
    }
}
