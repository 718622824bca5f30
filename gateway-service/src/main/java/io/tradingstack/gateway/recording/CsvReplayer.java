package io.tradingstack.gateway.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.Feed;
import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.pacing.PacedLoop;
import io.tradingstack.gateway.pacing.Pacer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Plays a recording instead of the simulation: each row is published again on its feed, in
 * file order, with this gateway's session, new sequence numbers from 1 and the time of
 * sending as {@code ts}. Rows keep their recorded spacing divided by the speed factor, or go
 * out as fast as the feeds take them. A bad row is skipped and counted (the first one is
 * logged with its line); a missing file or wrong header stops the start-up.
 */
final class CsvReplayer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CsvReplayer.class);

    private final GatewayProperties.Replay replay;
    private final Feed priceFeed;
    private final Feed newsFeed;
    private volatile Thread player;
    private volatile boolean running;

    CsvReplayer(GatewayProperties.Replay replay, Feed priceFeed, Feed newsFeed) {
        this.replay = replay;
        this.priceFeed = priceFeed;
        this.newsFeed = newsFeed;
    }

    @Override
    public void start() {
        checkReadable(replay.path());
        running = true;
        Thread thread = new Thread(this::play, "feed-replay");
        thread.setDaemon(true);
        player = thread;
        thread.start();
        log.info("replaying {} at {}{}", replay.path().toAbsolutePath(),
                replay.unpaced() ? "full speed" : replay.speed() + "x the recorded pace", replay.loop() ? ", looping" : "");
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = player;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            player = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PacedLoop.SOURCE_PHASE;
    }

    /** Fails the start-up with the reason when the file cannot be replayed at all. */
    static void checkReadable(Path path) {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (!FeedCsv.HEADER.equals(header)) {
                throw new IllegalStateException("replay path=" + path.toAbsolutePath() + " starts with '" + header
                        + "', expected the recorder's header '" + FeedCsv.HEADER + "'");
            }
        } catch (IOException e) {
            throw new IllegalStateException("replay path=" + path.toAbsolutePath() + " cannot be read: " + e, e);
        }
    }

    private void play() {
        try {
            do {
                playOnce();
            } while (replay.loop() && !Thread.currentThread().isInterrupted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("replay of {} stopped: {}", replay.path(), e.toString());
        }
    }

    private void playOnce() throws IOException, InterruptedException {
        long rows = 0;
        long skipped = 0;
        long startNanos = System.nanoTime();
        long firstTs = 0;
        try (BufferedReader reader = Files.newBufferedReader(replay.path(), StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(reader);
            csv.next(); // the header, checked at start
            List<String> fields;
            long line = csv.line();
            while ((fields = csv.next()) != null) {
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    line = csv.line();
                    continue; // blank line
                }
                try {
                    RecordedRow row = FeedCsv.parseRow(fields, line);
                    if (rows == 0) {
                        firstTs = row.ts();
                    } else if (!replay.unpaced()) {
                        Pacer.parkUntil(startNanos + (long) ((row.ts() - firstTs) / replay.speed()));
                    }
                    (row.feed() == FeedKind.PRICE ? priceFeed : newsFeed).publish(row.data());
                    rows++;
                } catch (IllegalArgumentException e) {
                    if (skipped++ == 0) {
                        log.warn("replay of {} skips a bad row ({}); later bad rows are only counted", replay.path(),
                                e.getMessage());
                    }
                }
                line = csv.line();
            }
        }
        log.info("replay of {} finished: {} rows published, {} skipped, in {} ms", replay.path(), rows, skipped,
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
