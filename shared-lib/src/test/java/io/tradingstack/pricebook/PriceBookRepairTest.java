package io.tradingstack.pricebook;

import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_BID_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_VERSION_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.slotOffset;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.clock.EpochNanoClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that dies mid-update leaves its slot's version odd. Simulated here by writing the
 * odd version (and a half-written bid) straight through the descriptor offsets.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PriceBookRepairTest {

    private static final int CAPACITY = 8;
    private static final int MAX_READ_ATTEMPTS = 5;

    @TempDir
    Path directory;

    private final long[] now = {1_000_000_000L};
    private final EpochNanoClock clock = () -> now[0];
    private Path book;

    @BeforeEach
    void setUp() {
        book = directory.resolve("book.dat");
    }

    @Test
    void shouldReportSlotUnavailableWhenWriterDiedMidUpdate() throws IOException {
        final PriceBookWriter writer = PriceBookWriter.open(book, CAPACITY, clock);
        final int slot = writer.register("AAPL");
        writer.update(slot, 100, 101, 1, 900);
        final PriceBookReader reader = PriceBookReader.open(book, Duration.ofSeconds(1), MAX_READ_ATTEMPTS, clock);
        final PriceSnapshot snapshot = new PriceSnapshot();
        assertThat(reader.read(slot, snapshot)).isEqualTo(SlotStatus.FRESH);

        dieMidUpdate(slot);

        assertThat(reader.read(slot, snapshot)).isEqualTo(SlotStatus.UNAVAILABLE);
        assertThat(snapshot.bid()).as("snapshot untouched by an unavailable read").isEqualTo(100);
        final PriceBookReader impatient = PriceBookReader.open(book, Duration.ofSeconds(1), 1, clock);
        assertThat(impatient.read(slot, snapshot)).as("one attempt").isEqualTo(SlotStatus.UNAVAILABLE);
        final PriceBookReader patient = PriceBookReader.open(book, Duration.ofSeconds(1), 1_000_000, clock);
        assertThat(patient.read(slot, snapshot)).as("a million attempts still end").isEqualTo(SlotStatus.UNAVAILABLE);
    }

    @Test
    void shouldRepairSlotLeftMidUpdateWhenWriterReopens() throws IOException {
        final PriceBookWriter crashed = PriceBookWriter.open(book, CAPACITY, clock);
        final int slot = crashed.register("AAPL");
        final int untouched = crashed.register("MSFT");
        crashed.update(slot, 100, 101, 1, 900);
        crashed.update(untouched, 200, 201, 2, 900);
        final PriceBookReader reader = PriceBookReader.open(book, Duration.ofSeconds(1), MAX_READ_ATTEMPTS, clock);
        dieMidUpdate(slot);
        final PriceSnapshot snapshot = new PriceSnapshot();
        assertThat(reader.read(slot, snapshot)).isEqualTo(SlotStatus.UNAVAILABLE);

        final PriceBookWriter restarted = PriceBookWriter.open(book, CAPACITY, clock);

        assertThat(restarted.repairedSlots()).isEqualTo(1);
        assertThat(RawBookFile.slotVersion(book, slot) & 1).as("version even again").isZero();
        assertThat(reader.writerOpenCount()).as("same mapping sees the restart").isEqualTo(2);
        assertThat(reader.read(slot, snapshot)).as("repaired data cannot be trusted").isEqualTo(SlotStatus.EMPTY);
        assertThat(snapshot.bid()).isZero();
        assertThat(snapshot.ask()).isZero();
        assertThat(snapshot.updateTimestamp()).isZero();
        assertThat(reader.read(untouched, snapshot)).as("a slot that was not mid-update keeps its price")
            .isEqualTo(SlotStatus.FRESH);
        assertThat(snapshot.bid()).isEqualTo(200);

        now[0] += 10;
        restarted.update(restarted.slotOf("AAPL"), 110, 111, 3, now[0] - 5);

        assertThat(reader.read(slot, snapshot)).isEqualTo(SlotStatus.FRESH);
        assertThat(snapshot.bid()).isEqualTo(110);
        assertThat(snapshot.ask()).isEqualTo(111);
        assertThat(snapshot.feedSequence()).isEqualTo(3);
        assertThat(snapshot.updateTimestamp()).isEqualTo(now[0]);
        assertThat(reader.slotOf("AAPL")).isEqualTo(slot);
    }

    @Test
    void shouldRepairNothingWhenPreviousWriterStoppedBetweenUpdates() {
        final PriceBookWriter first = PriceBookWriter.open(book, CAPACITY, clock);
        first.update(first.register("AAPL"), 100, 101, 1, 900);
        first.close();

        final PriceBookWriter second = PriceBookWriter.open(book, CAPACITY, clock);

        assertThat(second.repairedSlots()).isZero();
    }

    /** What a writer killed between its odd version store and its even one leaves behind. */
    private void dieMidUpdate(int slot) throws IOException {
        final long version = RawBookFile.slotVersion(book, slot);
        RawBookFile.putLong(book, slotOffset(slot) + SLOT_VERSION_OFFSET, version + 1);
        RawBookFile.putLong(book, slotOffset(slot) + SLOT_BID_OFFSET, 999_999);
    }
}
