package io.tradingstack.ordermanager.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A price book written once, before any order, with quotes that never change, and opened for
 * reading as the order manager opens it: every symbol in one of the states an order can meet.
 * AAPL and MSFT are fresh, GOOGL is stale, TSLA is registered but never priced, NVDA is never
 * registered, IBM is priced but not traded. Staleness is judged by the clock the engine is given,
 * so a test clock that starts just after {@link #WRITTEN_AT} keeps the fresh quotes fresh for an
 * hour.
 */
final class FixedQuoteBook implements AutoCloseable {

    /** The update time of the fresh quotes, epoch nanoseconds. */
    static final long WRITTEN_AT = 1_700_000_000_000_000_000L;

    static final Duration STALENESS = Duration.ofHours(1);

    /** A fresh quote; bid + ask is even, so the mid is exact. */
    record Quote(long bid, long ask) {

        long mid() {
            return (bid + ask) / 2;
        }

        /** What an order of this side fills at: the ask for a buy, the bid for a sell. */
        long touch(Side side) {
            return side == Side.BUY ? ask : bid;
        }
    }

    static final Map<String, Quote> FRESH = Map.of(
        "AAPL", new Quote(Prices.parse("187.25"), Prices.parse("187.27")),
        "MSFT", new Quote(Prices.parse("410.10"), Prices.parse("410.30")));
    static final String STALE = "GOOGL";
    static final String NEVER_PRICED = "TSLA";
    static final String UNREGISTERED = "NVDA";
    static final String NOT_TRADED = "IBM";

    private final PriceBookWriter writer;
    private final BookPrices prices;

    private FixedQuoteBook(PriceBookWriter writer, BookPrices prices) {
        this.writer = writer;
        this.prices = prices;
    }

    static FixedQuoteBook create(Path directory) {
        Path path = directory.resolve("pricebook.dat");
        PriceBookWriter writer = PriceBookWriter.open(path, 16, () -> WRITTEN_AT);
        long seq = 0;
        for (Map.Entry<String, Quote> fresh : FRESH.entrySet()) {
            Quote quote = fresh.getValue();
            writer.update(writer.register(fresh.getKey()), quote.bid(), quote.ask(), ++seq, WRITTEN_AT, WRITTEN_AT);
        }
        long twoHoursBefore = WRITTEN_AT - Duration.ofHours(2).toNanos();
        writer.update(writer.register(STALE), Prices.parse("140.00"), Prices.parse("140.02"), ++seq, twoHoursBefore,
            twoHoursBefore);
        writer.register(NEVER_PRICED);
        writer.update(writer.register(NOT_TRADED), Prices.parse("150.00"), Prices.parse("150.02"), ++seq, WRITTEN_AT,
            WRITTEN_AT);
        // Opening is retried hourly: the file is there before the first check, which opens it.
        BookPrices prices = new BookPrices(new PriceBookReaderProperties(path, STALENESS, 100, Duration.ofHours(1)),
            () -> WRITTEN_AT, new SimpleMeterRegistry());
        prices.start();
        if (!prices.isOpen()) {
            throw new IllegalStateException("price book " + path + " did not open: " + prices.openFailure());
        }
        return new FixedQuoteBook(writer, prices);
    }

    BookPrices prices() {
        return prices;
    }

    @Override
    public void close() {
        prices.stop();
        writer.close();
    }
}
