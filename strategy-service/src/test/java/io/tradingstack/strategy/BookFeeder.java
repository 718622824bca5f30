package io.tradingstack.strategy;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.Prices;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the orderbook: writes a price book every 5 ms from its own thread (the book's single
 * writer). Each symbol's mid moves one cent per write up, down or not at all, as the test says,
 * or is frozen (no more writes: its slot goes stale).
 */
final class BookFeeder implements AutoCloseable {

    private static final long STEP = Prices.parse("0.01");
    private static final long SPREAD = Prices.parse("0.02");

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "book-feeder");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<String, Integer> trends = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> frozen = new ConcurrentHashMap<>();
    private final List<String> symbols;
    // feeder thread only
    private PriceBookWriter writer;
    private final long[] bids;
    private long seq;

    BookFeeder(Path path, List<String> symbols) throws InterruptedException, ExecutionException {
        this.symbols = List.copyOf(symbols);
        this.bids = new long[symbols.size()];
        thread.submit(() -> {
            writer = PriceBookWriter.open(path, 16, SystemEpochNanoClock.instance());
            for (int i = 0; i < this.symbols.size(); i++) {
                writer.register(this.symbols.get(i));
                bids[i] = Prices.parse("100");
            }
        }).get();
        thread.scheduleAtFixedRate(this::write, 0, 5, TimeUnit.MILLISECONDS);
    }

    /** +1: one cent up per write; -1: down; 0: unchanged. */
    void trend(String symbol, int direction) {
        trends.put(symbol, direction);
    }

    void freeze(String symbol) {
        frozen.put(symbol, true);
    }

    /** Every symbol written again, unchanged. */
    void reset() {
        trends.clear();
        frozen.clear();
    }

    private void write() {
        long now = SystemEpochNanoClock.instance().epochNanos();
        for (int i = 0; i < symbols.size(); i++) {
            String symbol = symbols.get(i);
            if (frozen.getOrDefault(symbol, false)) {
                continue;
            }
            bids[i] += trends.getOrDefault(symbol, 0) * STEP;
            writer.update(i, bids[i], bids[i] + SPREAD, ++seq, now);
        }
        writer.heartbeat();
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
