package io.tradingstack.orderbook.book;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.feed.FeedListener;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.PriceTick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the price book: every price tick the feed client delivers, in order,
 * becomes one slot update (bid, ask, feed sequence, the tick's emit time and the write time).
 *
 * <p>The feed client calls it on its one feed thread for its whole life, reconnects included,
 * which is what {@link PriceBookWriter} requires (it asserts the owner thread); so nothing here
 * is locked. A symbol is registered on first sight, with its meters; after that a tick costs a
 * map lookup, the seqlock write, a timestamp store and two meter updates, and allocates nothing.
 */
public final class PriceBookUpdater implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(PriceBookUpdater.class);
    /** Room in the warm-up's scratch book: more than the symbols a warm-up sends. */
    private static final int WARM_UP_SLOTS = 16;

    private final PriceBookWriter writer;
    private final EpochNanoClock clock;
    private final MeterRegistry registry;
    private final Timer emitToBook;
    /** Feed thread only. A symbol the full book refused maps to a slot of -1. */
    private final Map<String, SymbolSlot> slotsBySymbol = new HashMap<>();
    /** For the health check and gauges on other threads. */
    private final List<SymbolSlot> written = new CopyOnWriteArrayList<>();

    public PriceBookUpdater(PriceBookWriter writer, EpochNanoClock clock, MeterRegistry registry) {
        this.writer = writer;
        this.clock = clock;
        this.registry = registry;
        this.emitToBook = Timer.builder(TradingMetric.HOP_EMIT_TO_BOOK.metricName())
            .description(TradingMetric.HOP_EMIT_TO_BOOK.description())
            .register(registry);
    }

    @Override
    public void onPrice(PriceTick tick) {
        SymbolSlot symbol = slotsBySymbol.get(tick.symbol());
        if (symbol == null) {
            symbol = register(tick.symbol());
        }
        if (symbol.slot() < 0) {
            return;
        }
        long now = clock.epochNanos();
        // A price is as old as its tick, not as its write: a replayed tick (after a reconnect, or
        // a reset that restarts from the ring's oldest) stamped with the write time would look
        // fresh to the readers, and an order could fill at a price seconds old. So the update
        // time is the tick's emit time, unless that lies ahead of this host's clock. Hosts must
        // keep their clocks in sync (NTP), as the hop timers already assume.
        long priced = Math.min(now, tick.ts());
        writer.update(symbol.slot(), tick.bid(), tick.ask(), tick.seq(), tick.ts(), priced);
        symbol.written(priced);
        // Both times come from one host's epoch-nanosecond clocks; a negative hop is not recorded.
        emitToBook.record(now - tick.ts(), TimeUnit.NANOSECONDS);
    }

    /**
     * Lends an updater of a scratch book, in a temporary directory deleted afterwards, with
     * meters of its own: the warm-up's ticks compile this class's code and never reach the book
     * the strategies read, nor its metrics.
     */
    @Override
    public void warmUp(Consumer<FeedListener> warmUp) {
        Path directory;
        try {
            directory = Files.createTempDirectory("pricebook-warm-up");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warm-up's scratch book: " + e.getMessage(), e);
        }
        Path scratch = directory.resolve("pricebook.dat");
        try (PriceBookWriter scratchWriter = PriceBookWriter.open(scratch, WARM_UP_SLOTS, clock)) {
            warmUp.accept(new PriceBookUpdater(scratchWriter, clock, new SimpleMeterRegistry()));
        } finally {
            try {
                Files.deleteIfExists(scratch);
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                log.warn("Could not delete the warm-up's scratch book {}: {}", scratch, e.getMessage());
            }
        }
    }

    private SymbolSlot register(String symbol) {
        SymbolSlot registered;
        try {
            int slot = writer.register(symbol);
            Counter updates = Counter.builder(TradingMetric.BOOK_UPDATES.metricName())
                .description(TradingMetric.BOOK_UPDATES.description())
                .tag(TradingMetric.Tags.SYMBOL, symbol)
                .register(registry);
            registered = new SymbolSlot(symbol, slot, updates);
            Gauge.builder(TradingMetric.BOOK_AGE.metricName(), registered, s -> s.ageSeconds(clock.epochNanos()))
                .description(TradingMetric.BOOK_AGE.description())
                .tag(TradingMetric.Tags.SYMBOL, symbol)
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
            written.add(registered);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A full book or a symbol the book cannot hold: say so once, then drop its ticks.
            log.error("Price book cannot take symbol {}: {}; its ticks are dropped", symbol, e.getMessage());
            registered = new SymbolSlot(symbol, -1, null);
        }
        slotsBySymbol.put(symbol, registered);
        return registered;
    }

    /** The symbols written since this service started, in registration order. */
    public List<SymbolSlot> symbols() {
        return Collections.unmodifiableList(written);
    }

    /** The book file written. */
    public Path bookPath() {
        return writer.path();
    }
}
