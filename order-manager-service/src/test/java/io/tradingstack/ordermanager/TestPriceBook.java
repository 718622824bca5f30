package io.tradingstack.ordermanager;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.Prices;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The price book as a test writes it, in place of the orderbook. A {@link PriceBookWriter} has
 * one writer thread, captured on its first update: the JUnit thread that runs the tests.
 */
public final class TestPriceBook implements AutoCloseable {

    private final PriceBookWriter writer;
    private final AtomicLong seq = new AtomicLong();

    private TestPriceBook(PriceBookWriter writer) {
        this.writer = writer;
    }

    public static TestPriceBook create(Path path) {
        return new TestPriceBook(PriceBookWriter.open(path, 16, SystemEpochNanoClock.instance()));
    }

    /** Registers a symbol with no price: its slot reads EMPTY. */
    public TestPriceBook register(String symbol) {
        writer.register(symbol);
        return this;
    }

    /** Writes a fresh quote, registering the symbol if it is new. */
    public TestPriceBook quote(String symbol, String bid, String ask) {
        long now = SystemEpochNanoClock.instance().epochNanos();
        writer.update(writer.register(symbol), Prices.parse(bid), Prices.parse(ask), seq.incrementAndGet(), now, now);
        return this;
    }

    /** Writes a quote as if the orderbook wrote it {@code ageMinutes} ago. */
    public TestPriceBook staleQuote(String symbol, String bid, String ask, long ageMinutes) {
        long then = SystemEpochNanoClock.instance().epochNanos() - TimeUnit.MINUTES.toNanos(ageMinutes);
        writer.update(writer.register(symbol), Prices.parse(bid), Prices.parse(ask), seq.incrementAndGet(), then, then);
        return this;
    }

    public Path path() {
        return writer.path();
    }

    @Override
    public void close() {
        writer.close();
    }
}
