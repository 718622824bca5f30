package io.tradingstack.pricebook;

import io.tradingstack.protocol.Prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingstack.clock.EpochNanoClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceBookTest {

    private static final int CAPACITY = 4;
    private static final Duration MAX_AGE = Duration.ofMillis(500);
    private static final long MAX_AGE_NANOS = MAX_AGE.toNanos();

    @TempDir
    Path directory;

    private final long[] now = {1_700_000_000_000_000_000L};
    private final EpochNanoClock clock = () -> now[0];
    private Path book;
    private PriceBookWriter writer;

    @BeforeEach
    void openWriter() {
        book = directory.resolve("prices").resolve("book.dat");
        writer = PriceBookWriter.open(book, CAPACITY, clock);
    }

    private PriceBookReader openReader() {
        return PriceBookReader.open(book, MAX_AGE, 100, clock);
    }

    @Test
    void shouldReadBackRegisteredSymbolAndUpdatedPrice() {
        final int slot = writer.register("AAPL");
        writer.update(slot, Prices.fromDouble(189.12), Prices.fromDouble(189.14), 42, now[0] - 1_000);
        final PriceBookReader reader = openReader();
        final PriceSnapshot snapshot = new PriceSnapshot();

        assertThat(reader.read(reader.slotOf("AAPL"), snapshot)).isEqualTo(SlotStatus.FRESH);

        assertThat(snapshot.bid()).isEqualTo(18_912_000_000L);
        assertThat(snapshot.ask()).isEqualTo(18_914_000_000L);
        assertThat(snapshot.mid()).isEqualTo(18_913_000_000L);
        assertThat(snapshot.feedSequence()).isEqualTo(42);
        assertThat(snapshot.updateTimestamp()).isEqualTo(now[0]);
        assertThat(snapshot.tickTimestamp()).isEqualTo(now[0] - 1_000);
        assertThat(snapshot.version()).isEqualTo(2);
        assertThat(reader.symbol(slot)).isEqualTo("AAPL");
    }

    @Test
    void shouldReturnExistingSlotWhenSymbolRegisteredAgain() {
        final int first = writer.register("AAPL");
        writer.register("MSFT");

        assertThat(writer.register("AAPL")).isEqualTo(first);
        assertThat(writer.symbolCount()).isEqualTo(2);
    }

    @Test
    void shouldPublishSymbolsInOrderToReaderOpenedBeforeRegistration() {
        final PriceBookReader reader = openReader();
        assertThat(reader.slotOf("AAPL")).isEqualTo(-1);

        writer.register("AAPL");
        writer.register("MSFT");
        writer.register("BRK.B");

        assertThat(reader.slotOf("MSFT")).as("refreshed on a miss").isEqualTo(1);
        assertThat(reader.slotOf("AAPL")).isZero();
        assertThat(reader.slotOf("BRK.B")).isEqualTo(2);
        assertThat(reader.symbolCount()).isEqualTo(3);
        assertThat(reader.symbol(0)).isEqualTo("AAPL");
        assertThat(reader.symbol(1)).isEqualTo("MSFT");
        assertThat(reader.symbol(2)).isEqualTo("BRK.B");
        assertThat(reader.slotOf("TSLA")).isEqualTo(-1);
    }

    @Test
    void shouldFailClearlyWhenCapacityIsFull() {
        for (int i = 0; i < CAPACITY; i++) {
            writer.register("SYM" + i);
        }

        assertThatThrownBy(() -> writer.register("ONEMORE"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Price book " + book + " is full: capacity=4, symbolCount=4, cannot register \"ONEMORE\"");
        assertThat(writer.register("SYM0")).as("existing symbols still resolve").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SEVENTEEN_CHARS_X", "ÄPFEL", "BRK B", "TAB\tX", "NUL\0", "QUO\"TE", "BACK\\SLASH"})
    void shouldRejectSymbolThatIsEmptyTooLongOrNotPrintableAscii(String symbol) {
        assertThatThrownBy(() -> writer.register(symbol))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("symbol=");
        assertThat(writer.symbolCount()).isZero();
    }

    @Test
    void shouldAcceptSymbolOfExactlySixteenCharacters() {
        final int slot = writer.register("SIXTEEN_CHARS_XY");

        assertThat(openReader().symbol(slot)).isEqualTo("SIXTEEN_CHARS_XY");
    }

    @Test
    void shouldReportFreshWithinMaxAgeAndStaleAfter() {
        final int slot = writer.register("AAPL");
        writer.update(slot, 100, 101, 1, now[0]);
        final PriceBookReader reader = openReader();
        final PriceSnapshot snapshot = new PriceSnapshot();

        now[0] += MAX_AGE_NANOS;
        assertThat(reader.read(slot, snapshot)).as("exactly max age").isEqualTo(SlotStatus.FRESH);
        now[0] += 1;
        assertThat(reader.read(slot, snapshot)).as("older than max age").isEqualTo(SlotStatus.STALE);
        assertThat(snapshot.bid()).as("a stale snapshot is still filled").isEqualTo(100);

        writer.update(slot, 102, 103, 2, now[0]);
        assertThat(reader.read(slot, snapshot)).isEqualTo(SlotStatus.FRESH);
    }

    @Test
    void shouldJudgeStalenessAgainstTheCallersNow() {
        final int slot = writer.register("AAPL");
        final long written = now[0];
        writer.update(slot, 100, 101, 1, written);
        final PriceBookReader reader = openReader();
        final PriceSnapshot snapshot = new PriceSnapshot();

        assertThat(reader.read(slot, snapshot, written + MAX_AGE_NANOS)).isEqualTo(SlotStatus.FRESH);
        assertThat(reader.read(slot, snapshot, written + MAX_AGE_NANOS + 1)).isEqualTo(SlotStatus.STALE);
        assertThat(reader.read(slot, snapshot, Long.MIN_VALUE)).as("no staleness check").isEqualTo(SlotStatus.FRESH);
        assertThat(reader.read(writer.register("MSFT"), snapshot, written)).isEqualTo(SlotStatus.EMPTY);
    }

    @Test
    void shouldReportEmptyForSlotNeverWritten() {
        final int slot = writer.register("AAPL");
        final PriceSnapshot snapshot = new PriceSnapshot();

        assertThat(openReader().read(slot, snapshot)).isEqualTo(SlotStatus.EMPTY);
        assertThat(snapshot.updateTimestamp()).isZero();
    }

    @Test
    void shouldRejectReadOutsideCapacity() {
        final PriceBookReader reader = openReader();

        assertThatThrownBy(() -> reader.read(CAPACITY, new PriceSnapshot()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("slot=4, capacity=4");
        assertThatThrownBy(() -> reader.symbol(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("slot=0, symbolCount=0");
    }

    @Test
    void shouldRejectUpdateOfUnregisteredSlot() {
        writer.register("AAPL");

        assertThatThrownBy(() -> writer.update(1, 100, 101, 1, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("slot=1, symbolCount=1");
    }

    @Test
    void shouldKeepSymbolsAndSlotsWhenWriterReopensCompatibleFile() {
        writer.register("AAPL");
        final int msft = writer.register("MSFT");
        writer.update(msft, 200, 201, 7, now[0]);
        writer.close();
        final PriceBookReader reader = openReader();

        final PriceBookWriter reopened = PriceBookWriter.open(book, CAPACITY, clock);

        assertThat(reopened.symbolCount()).isEqualTo(2);
        assertThat(reopened.slotOf("AAPL")).isZero();
        assertThat(reopened.register("MSFT")).isEqualTo(msft);
        assertThat(reopened.register("TSLA")).isEqualTo(2);
        assertThat(reopened.repairedSlots()).isZero();
        final PriceSnapshot snapshot = new PriceSnapshot();
        assertThat(reader.read(msft, snapshot)).isEqualTo(SlotStatus.FRESH);
        assertThat(snapshot.bid()).as("prices survive a clean reopen").isEqualTo(200);
        assertThat(reader.slotOf("TSLA")).isEqualTo(2);
    }

    @Test
    void shouldStampPidHeartbeatAndOpenCountInHeader() {
        final PriceBookReader reader = openReader();
        assertThat(reader.writerPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(reader.writerOpenCount()).isEqualTo(1);
        assertThat(reader.writerHeartbeat()).isEqualTo(now[0]);
        assertThat(reader.capacity()).isEqualTo(CAPACITY);

        now[0] += 5;
        writer.heartbeat();

        assertThat(reader.writerHeartbeat()).isEqualTo(now[0]);
        PriceBookWriter.open(book, CAPACITY, clock);
        assertThat(reader.writerOpenCount()).isEqualTo(2);
    }

    @Test
    void shouldLeaveFileInPlaceWhenWriterCloses() throws Exception {
        writer.register("AAPL");

        writer.close();

        assertThat(Files.size(book)).isEqualTo(PriceBookDescriptor.fileLength(CAPACITY));
        assertThat(openReader().slotOf("AAPL")).isZero();
        try (var siblings = Files.list(book.getParent())) {
            assertThat(siblings).as("no temporary file left behind").containsExactly(book);
        }
    }

    @Test
    void shouldRejectCapacityOutOfRange() {
        assertThatThrownBy(() -> PriceBookWriter.open(directory.resolve("zero.dat"), 0, clock))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("capacity=0, min=1, max=");
    }

    @Test
    void shouldRejectReaderSettingsOutOfRange() {
        assertThatThrownBy(() -> PriceBookReader.open(book, Duration.ZERO, 1, clock))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxAge=PT0S, must be > 0");
        assertThatThrownBy(() -> PriceBookReader.open(book, MAX_AGE, 0, clock))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxReadAttempts=0, min=1");
    }

    @Test
    void shouldCatchSecondWriterThreadWithAssertion() throws InterruptedException {
        boolean assertionsEnabled = false;
        assert assertionsEnabled = true;
        assumeTrue(assertionsEnabled, "needs -ea");
        final int slot = writer.register("AAPL");
        writer.update(slot, 100, 101, 1, 1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        final Thread other = new Thread(() -> {
            try {
                writer.update(slot, 102, 103, 2, 2);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();

        assertThat(failure.get()).isInstanceOf(AssertionError.class).hasMessageContaining("single writer");
    }
}
