package io.tradingstack.ordermanager.book;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The shared price book, as this service reads it. The orderbook creates the file, and may
 * start after this service: until the book opens, {@link #read} finds no price, orders are
 * rejected {@code NO_PRICE} and the {@code book} health is DOWN with the reason. A background
 * thread looks for the file every {@code open-retry-interval}, and once it is open, checks at
 * the same rate whether the file was replaced by a new one (deleted and created again, not
 * reopened in place by a restarting orderbook), which it then opens instead.
 *
 * <p>A file that exists but is not a compatible book (another layout version, or a header the
 * orderbook is still writing) is retried as well, logged at ERROR once per distinct message:
 * services start in any order, so a half-created file is no reason to stop.
 *
 * <p>Reads are lock-free and safe from any thread (the seqlock reader of shared-lib); each
 * thread brings its own {@link PriceSnapshot}.
 */
public final class BookPrices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BookPrices.class);

    private final PriceBookReaderProperties properties;
    private final EpochNanoClock clock;
    /** Null until opened; replaced whole when the file is replaced. Volatile: published by the opener thread. */
    private volatile PriceBookReader reader;
    private volatile String openFailure = "not opened yet";
    private Object openedFileKey; // opener thread (and start) only
    private ScheduledExecutorService opener;

    public BookPrices(PriceBookReaderProperties properties, EpochNanoClock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens the book now if it can, and starts looking after it in the background. */
    @Override
    public synchronized void start() {
        if (opener != null) {
            return;
        }
        if (reader == null && !tryOpen()) {
            log.warn("Price book {} not available yet ({}); retrying every {}, orders are rejected NO_PRICE meanwhile",
                properties.path(), openFailure, properties.openRetryInterval());
        }
        opener = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pricebook-opener");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.openRetryInterval().toNanos();
        opener.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void check() {
        try {
            if (reader == null) {
                tryOpen();
            } else if (replaced()) {
                log.info("Price book {} was replaced by a new file; opening it", properties.path());
                tryOpen();
            }
        } catch (RuntimeException e) {
            // A thrown exception would cancel the schedule silently; log and keep checking.
            log.error("Price book check failed", e);
        }
    }

    /** True when the path names another file than the one open; false while it names none. */
    private boolean replaced() {
        Object key = fileKey(properties.path());
        return key != null && !key.equals(openedFileKey);
    }

    private boolean tryOpen() {
        Path path = properties.path();
        Object key = fileKey(path);
        try {
            PriceBookReader opened = PriceBookReader.open(path, properties.staleness(), properties.maxReadAttempts(), clock);
            openedFileKey = key;
            reader = opened;
            openFailure = "";
            log.info("Price book {} open for reading: capacity {}, {} symbols, staleness {}", path, opened.capacity(),
                opened.symbolCount(), properties.staleness());
            return true;
        } catch (UncheckedIOException e) {
            openFailure = "cannot open " + path + ": " + e.getCause();
        } catch (IllegalStateException | IllegalArgumentException e) {
            String failure = e.getMessage();
            if (!Objects.equals(failure, openFailure)) {
                log.error("Price book {} is not a compatible book (yet): {}; retrying", path, failure);
            }
            openFailure = failure;
        }
        return false;
    }

    private static Object fileKey(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void stop() {
        if (opener != null) {
            opener.shutdownNow();
            opener = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return opener != null;
    }

    /** Before the order server, which starts in the default (last) phase. */
    @Override
    public int getPhase() {
        return 0;
    }

    public boolean isOpen() {
        return reader != null;
    }

    /** Why the book is not open; "" once it is. */
    public String openFailure() {
        return openFailure;
    }

    public Path path() {
        return properties.path();
    }

    public Duration staleness() {
        return properties.staleness();
    }

    /**
     * Copies the symbol's slot into {@code into}, judging staleness against {@code nowNanos}
     * ({@code Long.MIN_VALUE}: any written price counts as FRESH, for marking positions).
     *
     * @return the slot's status; {@code null} when the book is not open or the orderbook has
     *         not registered the symbol: there is no price at all
     */
    public SlotStatus read(String symbol, PriceSnapshot into, long nowNanos) {
        PriceBookReader book = reader;
        if (book == null) {
            return null;
        }
        int slot = book.slotOf(symbol);
        return slot < 0 ? null : book.read(slot, into, nowNanos);
    }

    /** The reader's clock, the one staleness is judged by. */
    public long now() {
        return clock.epochNanos();
    }
}
