package io.tradingstack.gateway.recording;

import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.protocol.Message;

import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;

/**
 * The {@code feed-recorder} agent: writes what the feeds queued as CSV rows, at most
 * {@link #MAX_ROWS_PER_CYCLE} per {@code doWork}, and flushes when it has caught up. A failed
 * write stops the recording (logged once, the file closed); the feeds are not affected.
 */
final class RecorderWriter implements Agent {

    static final String ROLE = "feed-recorder";

    static final int MAX_ROWS_PER_CYCLE = 1024;

    private static final Logger log = LoggerFactory.getLogger(RecorderWriter.class);

    private final Path path;
    private final Queue<Message> pending;
    private final AtomicLong dropped;
    private FeedCsvWriter file; // null once closed
    private long written;

    RecorderWriter(Path path, FeedCsvWriter file, Queue<Message> pending, AtomicLong dropped) {
        this.path = path;
        this.file = file;
        this.pending = pending;
        this.dropped = dropped;
    }

    @Override
    public int doWork() {
        if (file == null) {
            return 0;
        }
        int count = 0;
        try {
            Message message;
            while (count < MAX_ROWS_PER_CYCLE && (message = pending.poll()) != null) {
                file.write(message);
                written++;
                count++;
            }
            if (count > 0 && pending.isEmpty()) {
                file.flush();
            }
        } catch (JacksonException e) { // Jackson's unchecked form of an I/O failure
            log.error("recorder stopped: writing path={} failed after {} rows: {}", path, written, e.toString());
            close();
        }
        return count;
    }

    /** The recorder stopped taking messages: what is queued is written, then the file closed. */
    @Override
    public void onClose() {
        while (doWork() > 0) {
            // until the queue is empty or a write fails
        }
        close();
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    long written() {
        return written;
    }

    private void close() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (JacksonException e) {
            log.error("recorder path={}: closing the file failed: {}", path, e.toString());
        }
        file = null;
        log.info("recorder closed path={}: {} rows written, {} dropped", path, written, dropped.get());
    }
}
