package io.tradingstack.benchmarks.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;

/**
 * Reads the shared price book the way a strategy does and checks it against the price tap:
 * every slot's feed sequence only moves forward, and what a slot holds is exactly the tick the
 * gateway sent under that sequence (bid, ask and {@code ts}). At the end of a run the book must
 * catch up with the last tick the tap saw for every symbol.
 */
final class BookWatcher implements AutoCloseable {

    private final PriceBookReader book;
    private final SequenceTap prices;
    private final PriceSnapshot snapshot = new PriceSnapshot();
    private final Map<Integer, Long> lastSeqBySlot = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile long checkedSlots;

    private BookWatcher(PriceBookReader book, SequenceTap prices) {
        this.book = book;
        this.prices = prices;
        this.thread = new Thread(this::watch, "book-watcher");
        this.thread.setDaemon(true);
    }

    /** Maps the book (it must exist: the orderbook created it) and checks it every 20 ms. */
    static BookWatcher start(Path path, SequenceTap prices) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no price book at " + path + ": is the orderbook writing another file?");
        }
        BookWatcher watcher = new BookWatcher(PriceBookReader.open(path, Duration.ofDays(1), 1_000,
            SystemEpochNanoClock.instance()), prices);
        watcher.thread.start();
        return watcher;
    }

    private void watch() {
        while (running) {
            checkOnce();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void checkOnce() {
        for (int slot = 0; slot < book.symbolCount(); slot++) {
            if (book.read(slot, snapshot, Long.MIN_VALUE) != SlotStatus.FRESH) {
                continue;
            }
            long seq = snapshot.feedSequence();
            Long previous = lastSeqBySlot.put(slot, seq);
            if (previous != null && seq < previous) {
                fail("slot " + book.symbol(slot) + " went back from seq " + previous + " to " + seq);
            }
            Boolean sent = prices.sawTick(seq, snapshot.bid(), snapshot.ask(), snapshot.tickTimestamp());
            if (Boolean.FALSE.equals(sent)) {
                fail("slot " + book.symbol(slot) + " holds seq " + seq + " with values the gateway did not send: " + snapshot);
            }
            checkedSlots++;
        }
    }

    /**
     * Waits until every symbol's slot holds at least the last sequence the tap saw for it, as
     * the tap saw it when this was called; false (with the failure set) if not within {@code timeout}.
     */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        Map<String, Long> target = prices.lastSeqBySymbol();
        long deadline = System.nanoTime() + timeout.toNanos();
        String behind = "";
        while (System.nanoTime() - deadline < 0) {
            behind = behind(target);
            if (behind.isEmpty()) {
                return true;
            }
            Thread.sleep(5);
        }
        fail("the book did not catch up with the gateway within " + timeout.toMillis() + " ms: " + behind);
        return false;
    }

    private synchronized String behind(Map<String, Long> target) {
        StringBuilder behind = new StringBuilder();
        for (Map.Entry<String, Long> entry : target.entrySet()) {
            int slot = book.slotOf(entry.getKey());
            long held = slot < 0 || book.read(slot, snapshot, Long.MIN_VALUE) == SlotStatus.EMPTY ? 0 : snapshot.feedSequence();
            if (held < entry.getValue()) {
                behind.append(entry.getKey()).append(" slot seq ").append(held).append(" < sent ").append(entry.getValue()).append("; ");
            }
        }
        return behind.toString();
    }

    private void fail(String what) {
        if (failure == null) {
            failure = "price book: " + what;
        }
    }

    String failure() {
        return failure;
    }

    long checkedSlots() {
        return checkedSlots;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
