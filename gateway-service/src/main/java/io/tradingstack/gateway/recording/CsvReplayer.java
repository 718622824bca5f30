package io.tradingstack.gateway.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.FeedData;
import io.tradingstack.gateway.feed.FeedKind;

import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a recording instead of the simulation, as the {@code feed-replay} agent: each row is
 * published again on its feed, in file order, with this gateway's session, new sequence numbers
 * from 1 and the time of sending as {@code ts}. Rows keep their recorded spacing divided by the
 * speed factor (the agent parks until the next row is due), or go out as fast as the feeds take
 * them, {@link #MAX_ROWS_PER_CYCLE} per {@code doWork}. The file is read as it plays
 * ({@link FeedCsvReader}), never loaded whole. A bad row is skipped and counted, never sent: the
 * first one is logged with its line and reason, the count at the end of the file; a missing file
 * or wrong header stops the start-up. At the end of the file the agent starts again from the top
 * when looping, else it has nothing more to do.
 */
final class CsvReplayer implements Agent {

    /** Rows published per cycle at most, at full speed. */
    static final int MAX_ROWS_PER_CYCLE = 256;

    private static final Logger log = LoggerFactory.getLogger(CsvReplayer.class);

    private final GatewayProperties.Replay replay;
    private final BiConsumer<FeedKind, FeedData> publisher;
    private final LongSupplier nanoClock;

    // agent thread only
    private FeedCsvReader file;
    private RecordedRow pending;
    private long rows;
    private long skipped;
    private long startNanos;
    private long firstTs;
    private boolean finished;

    /**
     * @param publisher publishes one row's data on its feed
     * @throws IllegalStateException when the file cannot be replayed at all
     */
    CsvReplayer(GatewayProperties.Replay replay, BiConsumer<FeedKind, FeedData> publisher, LongSupplier nanoClock) {
        checkReadable(replay.path());
        this.replay = replay;
        this.publisher = publisher;
        this.nanoClock = nanoClock;
    }

    /** Fails the start-up with the reason when the file cannot be replayed at all. */
    static void checkReadable(Path path) {
        try (FeedCsvReader reader = open(path)) {
            // the header is checked on opening
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("replay path=" + path.toAbsolutePath() + " " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("replay path=" + path.toAbsolutePath() + " cannot be read: " + e, e);
        }
    }

    @Override
    public void onStart() {
        log.info("replaying {} at {}{}", replay.path().toAbsolutePath(),
                replay.unpaced() ? "full speed" : replay.speed() + "x the recorded pace", replay.loop() ? ", looping" : "");
    }

    @Override
    public int doWork() {
        if (finished) {
            return 0;
        }
        try {
            if (file == null) {
                openFile();
            }
            int published = 0;
            while (published < MAX_ROWS_PER_CYCLE) {
                if (pending == null && (pending = nextRow()) == null) {
                    endOfFile();
                    return published + 1;
                }
                if (rows > 0 && !replay.unpaced() && nanoClock.getAsLong() - dueNanos() < 0) {
                    break; // the idle strategy parks until it is due
                }
                publish(pending);
                pending = null;
                published++;
            }
            return published;
        } catch (IOException | UncheckedIOException e) {
            finished = true;
            closeFile();
            log.error("replay of {} stopped: {}", replay.path(), e.toString());
            return 0;
        }
    }

    @Override
    public void onClose() {
        closeFile();
    }

    @Override
    public String roleName() {
        return "feed-replay";
    }

    /** Parks until the next row is due when paced; a second at most when there is nothing to play. */
    WakeableIdleStrategy idleStrategy() {
        return WakeableIdleStrategy.untilDue(this::dueNanos, Duration.ofSeconds(1));
    }

    /** When the pending row goes out: its recorded offset from the first row, divided by the speed. */
    private long dueNanos() {
        RecordedRow row = pending;
        if (finished || row == null || replay.unpaced()) {
            return WakeableIdleStrategy.NOTHING_DUE;
        }
        return startNanos + (long) ((row.ts() - firstTs) / replay.speed());
    }

    private static FeedCsvReader open(Path path) throws IOException {
        BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        try {
            return new FeedCsvReader(in);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void openFile() throws IOException {
        try {
            file = open(replay.path());
        } catch (IllegalArgumentException e) { // the header, checked at start, changed since
            throw new IOException(e.getMessage(), e);
        }
        rows = 0;
        skipped = 0;
        startNanos = nanoClock.getAsLong();
    }

    /** The next good row, counting the bad rows before it; null at the end of the file. */
    private RecordedRow nextRow() {
        while (true) {
            try {
                return file.next();
            } catch (IllegalArgumentException e) {
                skip(e);
            }
        }
    }

    private void publish(RecordedRow row) {
        try {
            if (rows == 0) {
                firstTs = row.ts();
            }
            publisher.accept(row.feed(), row.data());
            rows++;
        } catch (IllegalArgumentException e) {
            skip(e);
        }
    }

    private void skip(IllegalArgumentException e) {
        if (skipped++ == 0) {
            log.warn("replay of {} skips a bad row ({}); later bad rows are only counted", replay.path(), e.getMessage());
        }
    }

    private void endOfFile() {
        log.info("replay of {} finished: {} rows published, {} skipped, in {} ms", replay.path(), rows, skipped,
                (nanoClock.getAsLong() - startNanos) / 1_000_000);
        closeFile();
        finished = !replay.loop() || rows == 0; // looping over a file with no row would spin on nothing
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (RuntimeException e) {
                log.debug("closing {}: {}", replay.path(), e.toString());
            }
            file = null;
        }
    }
}
