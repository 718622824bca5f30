package io.tradingstack.gateway.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.gateway.feed.FeedTap;
import io.tradingstack.protocol.Message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes every message the feeds publish to a CSV file ({@link FeedCsv}), overwriting it at
 * start. The feeds hand messages over on their publishing thread without waiting; a writer
 * thread writes them and flushes whenever it has caught up, so the file trails the feeds by
 * milliseconds and disk I/O never slows a feed. If the writer falls a whole queue behind,
 * messages are dropped and counted rather than blocking the feeds.
 *
 * <p>Phase 0: starts before the sources and stops after them, so it records everything they send.
 */
final class FeedRecorder implements FeedTap, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedRecorder.class);

    static final int QUEUE_CAPACITY = 65_536;

    private final Path path;
    private final ArrayBlockingQueue<Message> pending = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private volatile Thread writer;
    private long written;

    FeedRecorder(Path path) {
        this.path = path;
    }

    @Override
    public void onPublished(Message message) {
        if (running && !pending.offer(message) && dropped.getAndIncrement() == 0) {
            log.warn("recorder path={} fell {} messages behind: dropping messages until it catches up", path,
                    QUEUE_CAPACITY);
        }
    }

    @Override
    public void start() {
        Writer out;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(FeedCsv.HEADER);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("recorder cannot write path=" + path.toAbsolutePath(), e);
        }
        running = true;
        Thread thread = new Thread(() -> write(out), "feed-recorder");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
        log.info("recording the feeds to {}", path.toAbsolutePath());
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void write(Writer out) {
        StringBuilder row = new StringBuilder(256);
        try (Writer file = out) {
            while (running || !pending.isEmpty()) {
                Message message = pending.poll(50, TimeUnit.MILLISECONDS);
                if (message == null) {
                    continue;
                }
                row.setLength(0);
                FeedCsv.appendRow(message, row);
                file.append(row);
                written++;
                if (pending.isEmpty()) {
                    file.flush();
                }
            }
        } catch (IOException e) {
            running = false;
            log.error("recorder stopped: writing path={} failed after {} rows: {}", path, written, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("recorder closed path={}: {} rows written, {} dropped", path, written, dropped.get());
    }
}
