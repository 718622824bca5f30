package io.tradingstack.gateway.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentErrorHandler;
import io.tradingstack.agent.AgentThread;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.gateway.feed.FeedTap;
import io.tradingstack.protocol.Message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import tools.jackson.core.JacksonException;

/**
 * Writes every message the feeds publish to a CSV file ({@link FeedCsv}), overwriting it at
 * start and appending row by row as the feeds send. The feeds hand messages over on their publishing threads without waiting (a bounded array
 * queue: no allocation; not Agrona's queues, which need {@code Unsafe}) and wake the
 * {@code feed-recorder} agent ({@link RecorderWriter}),
 * which writes them and flushes whenever it has caught up, so the file trails the feeds by
 * milliseconds and disk I/O never slows a feed. If the writer falls a whole queue behind,
 * messages are dropped and counted rather than blocking the feeds.
 *
 * <p>Phase 0: starts before the sources and stops after them, so it records everything they send;
 * what is queued when it stops is written before the file is closed.
 */
final class FeedRecorder implements FeedTap, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedRecorder.class);

    static final int QUEUE_CAPACITY = 65_536;

    /** The longest the writer parks unless woken: a safety net, since every hand-over wakes it. */
    private static final Duration MAX_PARK = Duration.ofMillis(50);

    private final Path path;
    private final ArrayBlockingQueue<Message> pending = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final WakeableIdleStrategy idle = WakeableIdleStrategy.untilWoken(MAX_PARK);
    private final AgentErrorHandler errors;
    private volatile boolean running;
    private AgentThread writer; // guarded by this

    FeedRecorder(Path path, MeterRegistry registry) {
        this.path = path;
        this.errors = new AgentErrorHandler(RecorderWriter.ROLE, registry);
    }

    @Override
    public void onPublished(Message message) {
        if (!running) {
            return;
        }
        if (pending.offer(message)) {
            idle.wake();
        } else if (dropped.getAndIncrement() == 0) {
            log.warn("recorder path={} fell {} messages behind: dropping messages until it catches up", path,
                    QUEUE_CAPACITY);
        }
    }

    @Override
    public synchronized void start() {
        if (writer != null) {
            return;
        }
        FeedCsvWriter out;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = new FeedCsvWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
            // the header at once, so that even a recording that got no message can be replayed
            out.writeHeader();
            out.flush();
        } catch (IOException | JacksonException e) {
            throw new UncheckedIOException("recorder cannot write path=" + path.toAbsolutePath(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        running = true;
        writer = AgentThread.start(new RecorderWriter(path, out, pending, dropped), idle, errors);
        log.info("recording the feeds to {}", path.toAbsolutePath());
    }

    /** Stops taking messages, then lets the writer write what is queued and close the file. */
    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            writer.close();
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
}
