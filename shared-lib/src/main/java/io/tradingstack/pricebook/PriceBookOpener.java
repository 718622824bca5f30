package io.tradingstack.pricebook;

import io.tradingstack.clock.EpochNanoClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Opens the shared price book for a reading service when it appears, and opens it again when it
 * is replaced. The orderbook creates the file and may start after its readers, so a reader cannot
 * just open it at start; and an orderbook started on an empty volume writes a new file where the
 * old one was, which an old mapping would never see (a writer that restarts in place keeps
 * mappings valid and needs nothing). Each {@link #check()}:
 *
 * <ul>
 *   <li>book not open: opens the file if it exists and is a compatible book;</li>
 *   <li>book open: if the path now names another file (another file key: a new inode), opens
 *       that one instead; a file that is gone for now, or a new one that is not (yet) a
 *       compatible book, leaves the open mapping in use.</li>
 * </ul>
 *
 * What stands in the way is {@link #problem()}, logged once per distinct text: services start in
 * any order, so a missing or half-created file is a state to wait out, not a reason to stop.
 *
 * <p>{@link #check()} is for one thread (the agent or engine that owns the opener); the reader,
 * the problem and the open time are published for any thread. Checking allocates and touches the
 * file system: callers check once per {@code open-retry-interval}, never per read.
 */
public final class PriceBookOpener {

    private static final Log log = LogFactory.getLog(PriceBookOpener.class);

    private final PriceBookReaderProperties properties;
    private final EpochNanoClock clock;

    /** Null until opened; replaced whole when the file is replaced. Volatile: read by any thread. */
    private volatile PriceBookReader reader;
    private volatile String problem = "not looked for yet";
    private volatile long openedAtNanos;

    // checking thread only
    private Object openedFileKey;
    private String lastLogged;

    public PriceBookOpener(PriceBookReaderProperties properties, EpochNanoClock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the book if it is not open or its file was replaced; one thread only.
     *
     * @return true when this call opened a reader (the first or a new one): whatever the caller
     *         cached from the previous one, such as slot numbers, is to be looked up again
     */
    public boolean check() {
        Path path = properties.path();
        Object key = fileKey(path);
        PriceBookReader current = reader;
        if (current != null && (key == null || key.equals(openedFileKey))) {
            return false; // the same file, or none for now: the open mapping stays valid
        }
        try {
            PriceBookReader opened = PriceBookReader.open(path, properties.staleness(), properties.maxReadAttempts(), clock);
            openedFileKey = key;
            openedAtNanos = clock.epochNanos();
            reader = opened;
            problem = "";
            lastLogged = null;
            log.info("Price book " + path + (current == null ? " open for reading" : " was replaced by a new file and is reopened")
                + ": capacity " + opened.capacity() + ", " + opened.symbolCount() + " symbols registered, staleness "
                + properties.staleness());
            return true;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                problem(current == null ? "no price book at " + path + " yet (the orderbook creates it)" : null, false);
            } else {
                problem("price book " + path + " cannot be opened: " + e.getCause(), false);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            problem(e.getMessage(), true); // another layout, or a header still being written
        }
        return false;
    }

    private void problem(String text, boolean incompatible) {
        if (text == null) {
            return; // the file of an open book is gone for now: keep reading the old mapping
        }
        problem = text;
        if (!text.equals(lastLogged)) {
            lastLogged = text;
            String message = text + "; looking again every " + properties.openRetryInterval().toMillis() + " ms"
                + (reader != null ? ", reading the book opened before meanwhile" : "");
            if (incompatible) {
                log.error(message);
            } else {
                log.warn(message);
            }
        }
    }

    /** The file's identity: its key (device and inode) where the file system has one, else its creation time. */
    private static Object fileKey(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    /** The open book; null until it is opened. Any thread. */
    public PriceBookReader reader() {
        return reader;
    }

    public boolean isOpen() {
        return reader != null;
    }

    /** What kept the book from being (re)opened at the last check; "" after it opened. Any thread. */
    public String problem() {
        return problem;
    }

    /** Epoch nanoseconds the book was last opened, by the reader's clock; 0 while it never was. */
    public long openedAtNanos() {
        return openedAtNanos;
    }

    public PriceBookReaderProperties properties() {
        return properties;
    }
}
