package io.tradingstack.orderbook.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.feed.FeedListener;
import io.tradingstack.metrics.TradingMetric;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A price is as old as its tick: a replayed tick must not look fresh because it was written now. */
class PriceBookUpdaterTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_800_000_000L * SECOND);

    @Test
    void shouldStampAReplayedTickWithItsOwnTimeSoThatAnOldPriceIsStale() {
        Path path = directory.resolve("pricebook.dat");
        try (PriceBookWriter writer = PriceBookWriter.open(path, 16, now::get)) {
            PriceBookReader reader = PriceBookReader.open(path, Duration.ofSeconds(1), 100, now::get);
            PriceBookUpdater updater = new PriceBookUpdater(writer, now::get, new SimpleMeterRegistry());
            PriceSnapshot snapshot = new PriceSnapshot();

            // Replayed after a reset: emitted 3 s ago, written now.
            updater.onPrice(new PriceTick(7, 1, "AAPL", Prices.parse("190.00"), Prices.parse("190.02"), now.get() - 3 * SECOND));
            assertThat(reader.read(reader.slotOf("AAPL"), snapshot)).isEqualTo(SlotStatus.STALE);

            // The live tick that follows is fresh.
            updater.onPrice(new PriceTick(7, 2, "AAPL", Prices.parse("190.10"), Prices.parse("190.12"), now.get() - 1_000_000));
            assertThat(reader.read(reader.slotOf("AAPL"), snapshot)).isEqualTo(SlotStatus.FRESH);
            assertThat(snapshot.ask()).isEqualTo(Prices.parse("190.12"));

            // A tick stamped ahead of this host's clock counts as written now, not in the future.
            updater.onPrice(new PriceTick(7, 3, "AAPL", Prices.parse("190.20"), Prices.parse("190.22"), now.get() + 5 * SECOND));
            reader.read(reader.slotOf("AAPL"), snapshot);
            assertThat(snapshot.updateTimestamp()).isEqualTo(now.get());
        }
    }

    @Test
    void shouldLendAWarmUpCopyThatWritesAScratchBookNeverTheRealOneAndLeavesNothingBehind() {
        Path path = directory.resolve("pricebook.dat");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PriceBookWriter writer = PriceBookWriter.open(path, 16, now::get)) {
            PriceBookUpdater updater = new PriceBookUpdater(writer, now::get, registry);
            List<PriceBookUpdater> lent = new ArrayList<>();
            List<Path> scratchBooks = new ArrayList<>();

            updater.warmUp(copy -> {
                PriceBookUpdater scratch = (PriceBookUpdater) copy;
                lent.add(scratch);
                scratch.onPrice(new PriceTick(1, 1, "WARMA", Prices.parse("100.00"), Prices.parse("100.01"), now.get()));
                scratchBooks.add(scratch.bookPath());
                assertThat(scratch.bookPath()).exists();
                assertThat(scratch.symbols()).extracting(SymbolSlot::symbol).containsExactly("WARMA");
            });

            assertThat(lent).hasSize(1).doesNotContain(updater);
            assertThat(scratchBooks.get(0)).isNotEqualTo(path).doesNotExist();
            assertThat(scratchBooks.get(0).getParent()).doesNotExist();
            assertThat(updater.symbols()).as("the real book took no symbol").isEmpty();
            assertThat(writer.symbolCount()).isZero();
            assertThat(registry.find(TradingMetric.HOP_EMIT_TO_BOOK.metricName()).timer().count())
                .as("the real hop timer counted nothing").isZero();
            assertThat(registry.find(TradingMetric.BOOK_UPDATES.metricName()).counters()).isEmpty();
        }
    }
}
