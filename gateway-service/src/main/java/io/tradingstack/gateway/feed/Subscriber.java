package io.tradingstack.gateway.feed;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.tradingstack.agent.AgentThread;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.tcp.OutboundFrame;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.MessagingException;

/**
 * One connection that has sent its {@code replay}: its outbound queue and the sender agent that
 * drains it onto the socket, on a thread of its own ({@code feed-<feed>-sender-N}).
 *
 * <p>The publishing thread only offers frames to the queue, so a subscriber that stops reading
 * blocks nothing but its own sender; when its queue passes the byte limit the feed cuts it.
 * The sender takes everything pending and writes it as one payload, which the connection
 * flushes once: under load frames leave in batches, at low rates each frame leaves at once.
 * When nothing was sent for the heartbeat interval it sends a heartbeat carrying the last data
 * sequence it wrote.
 *
 * <p>On a feed whose publisher writes ({@code trading.gateway.feeds.publisher-writes}, both
 * feeds by default), the publishing thread writes a burst of at most
 * {@code publisher-write-max-bytes} itself when the sender is idle ({@link #sendOrWake}): the
 * frame then reaches the socket without waking the sender — on the news feed the one hand-over
 * between a news tick and the strategy that is not a socket, on the price feed thousands of
 * wake-ups a second that competed with it for the cores. A larger burst (a high price rate) is
 * the sender's, so that the publisher does not write every subscriber's burst in turn. After two slow writes in
 * a row (the socket is backing up) it leaves the writes to the sender for a second. One slow
 * write alone is not enough: on a small VM a write now and then takes over a millisecond because
 * the writing thread lost its core during it, and with one such write a second leaving the
 * writes to the sender, the sender — a wake-up more — wrote about 60 % of the news ticks. A write on the
 * publisher can still block when a subscriber that kept up stops reading and its socket buffers
 * fill; {@link #publisherWriteBlockedNanos} lets the feed cut one that holds the publisher too long.
 *
 * <p>Frames are written with the connection's own {@link TcpConnection#send}, not through a
 * {@code Tcp.outboundAdapter}: the adapter would look the connection up by id for every send
 * and run on the caller's thread, whereas here each subscriber already holds its connection
 * and must write from its own thread, so that a blocked socket stalls only that subscriber.
 */
final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    /** A write longer than this found the socket's buffer full, not just a copy to the kernel (a few µs). */
    static final long SLOW_WRITE_NANOS = 1_000_000;

    /** How long after two slow writes in a row the publisher leaves this subscriber's writes to its sender. */
    static final long BACKED_UP_NANOS = 1_000_000_000;

    private final FeedKind feed;
    private final TcpConnection connection;
    private final SubscriberSettings settings;
    private final Executor closer;
    private final WakeableIdleStrategy senderIdle;
    private final OutboundQueue queue;
    private final FrameBatch batch = new FrameBatch();
    /** The publisher's batch: only the publishing thread uses it. */
    private final FrameBatch publisherBatch = new FrameBatch();

    private volatile boolean stopped;
    /** When the publisher's write to this subscriber began ({@link System#nanoTime}), or 0 while none is under way. */
    private volatile long publisherWriteSince;

    // Whoever holds the queue's turn (the queue's lock orders one holder after the other).
    private long lastDataSeq;
    /** Whether the last write took longer than {@link #SLOW_WRITE_NANOS}. */
    private boolean lastWriteSlow;
    /** Volatile: the sender also reads it, without the turn, to time its wait for the next heartbeat. */
    private volatile long lastSendNanos = System.nanoTime();
    /**
     * Until when the publisher leaves every write to the sender: two writes in a row that took
     * longer than {@link #SLOW_WRITE_NANOS} say the socket is backing up (the subscriber reads
     * slower than we write), and a publisher that wrote to it would wait for it, and make the
     * others wait too.
     */
    private volatile long backedUpUntilNanos = System.nanoTime();

    /**
     * @param closer runs connection closes off the caller's thread: a close is what ends a
     *               write blocked on a subscriber that does not read
     */
    Subscriber(FeedKind feed, TcpConnection connection, SubscriberSettings settings, Executor closer) {
        this.feed = feed;
        this.connection = connection;
        this.settings = settings;
        this.closer = closer;
        // The sender parks until woken by the publisher or its next heartbeat is due; the bound only
        // makes it look again if a wake were ever lost.
        this.senderIdle = WakeableIdleStrategy.untilDue(() -> lastSendNanos + settings.heartbeatNanos(),
                Duration.ofNanos(settings.heartbeatNanos()));
        this.queue = new OutboundQueue(settings.maxQueuedBytes(), senderIdle::wake);
    }

    String connectionId() {
        return connection.getConnectionId();
    }

    /**
     * Queues a frame without waking the sender; false when the queue passed its byte limit (the
     * caller then {@link #cut}s). The publisher calls {@link #wake} once the burst is queued.
     */
    boolean offer(FeedFrame frame) {
        return queue.offer(frame);
    }

    /**
     * Publisher, after a burst: writes what is queued on this thread when this feed's publisher
     * writes, what is queued is at most {@code publisher-write-max-bytes}, no one holds the turn and
     * no write in the last second was slow (a socket backing up
     * stays with the sender, so that a slow reader holds up no one else); otherwise wakes the
     * sender if it waits for frames. A failed
     * write means the connection closed itself (its close event unsubscribes it).
     */
    void sendOrWake() {
        if (!settings.publisherWrites() || System.nanoTime() - backedUpUntilNanos < 0
                || !queue.takeIdleTurn(publisherBatch, settings.maxBatchBytes(), settings.publisherWriteMaxBytes())) {
            queue.wake();
            return;
        }
        publisherWriteSince = nonZeroNanoTime();
        try {
            write(publisherBatch);
        } catch (MessagingException e) {
            log.debug("feed={} connection={} publisher's send failed after seq={}: {}", feed, connectionId(),
                    lastDataSeq, e.getMostSpecificCause().toString());
        } catch (RuntimeException e) {
            failed("publisher", e); // never into the publisher: the other subscribers and the simulation go on
        } finally {
            publisherWriteSince = 0;
            publisherBatch.clear();
            queue.endTurn();
        }
    }

    /** How long the publisher's write to this subscriber has been blocked, 0 when it is not writing. */
    long publisherWriteBlockedNanos(long nowNanos) {
        long since = publisherWriteSince;
        return since == 0 ? 0 : nowNanos - since;
    }

    /** Whether the sender is parked now, waiting for frames or its heartbeat (for tests that need it idle). */
    boolean isSenderIdle() {
        return senderIdle.isParked();
    }

    boolean isStopped() {
        return stopped;
    }

    long maxQueuedBytes() {
        return queue.byteLimit();
    }

    /**
     * Starts the sender agent on its own thread. It ends by itself once the queue is closed (the
     * connection closed, was cut, or is being refused), so nothing has to stop it.
     */
    void start(String threadName) {
        AgentThread.start(new Sender(threadName), senderIdle,
                error -> log.error("feed={} connection={} sender stopped: {}", feed, connectionId(), error.toString(), error));
    }

    /** The connection is closed or closing: drop what is queued and let the sender end. */
    void stop() {
        stopped = true;
        queue.close(null);
    }

    /** Cut off as a slow consumer: stop, and close the connection from the closer thread. */
    void cut() {
        stop();
        try {
            closer.execute(this::closeConnection);
        } catch (RejectedExecutionException e) {
            closeConnection(); // the closer has shut down: the application is stopping
        }
    }

    /**
     * After a protocol violation: drop what is queued; the sender writes {@code error} last
     * and closes. The caller schedules a close as a backstop in case the sender is stuck in a
     * write to a client that does not read.
     */
    void closeWithError(ErrorFrame error) {
        stopped = true;
        queue.close(error);
    }

    void closeConnection() {
        try {
            connection.close();
        } catch (RuntimeException e) {
            log.debug("feed={} connection={} close failed: {}", feed, connectionId(), e.toString());
        }
    }

    /**
     * The sender: each call writes what is pending with one flush, or a heartbeat when the
     * connection has been silent for the interval, and returns the work done, so that the runner
     * parks it until the publisher wakes it or the heartbeat is due. It ends (an expected
     * {@link AgentTerminationException}) when the queue is closed, after writing the farewell, or
     * when a write failed.
     */
    private final class Sender implements Agent {

        private final String roleName;

        Sender(String roleName) {
            this.roleName = roleName;
        }

        @Override
        public int doWork() {
            boolean heartbeatDue = System.nanoTime() - lastSendNanos >= settings.heartbeatNanos();
            OutboundQueue.Turn turn = queue.tryTakeTurn(batch, settings.maxBatchBytes(), heartbeatDue);
            try {
                if (turn == OutboundQueue.Turn.NONE) {
                    return 0;
                }
                if (turn == OutboundQueue.Turn.CLOSED) {
                    ErrorFrame farewell = queue.farewell();
                    if (farewell != null) {
                        send(farewell);
                        closeConnection();
                    }
                    throw new AgentTerminationException(true);
                }
                try {
                    if (!batch.isEmpty()) {
                        write(batch);
                    } else {
                        send(new Heartbeat(settings.session(), lastDataSeq, settings.clock().epochNanos()));
                        lastSendNanos = System.nanoTime();
                    }
                } finally {
                    batch.clear();
                    queue.endTurn();
                }
                return 1;
            } catch (MessagingException e) {
                // The write failed: the connection has closed itself and published its close event.
                log.debug("feed={} connection={} send failed after seq={}: {}", feed, connectionId(), lastDataSeq,
                        e.getMostSpecificCause().toString());
                throw new AgentTerminationException(true);
            } catch (AgentTerminationException end) {
                throw end;
            } catch (RuntimeException e) {
                failed("sender", e);
                throw new AgentTerminationException(true);
            }
        }

        @Override
        public String roleName() {
            return roleName;
        }
    }

    /**
     * A write failed other than as a failed send (a bug): the frames it held are lost to this
     * connection, so it is closed, and the subscriber reconnects and replays them, rather than
     * being left open with no sender, hearing nothing until its heartbeat timeout.
     */
    private void failed(String writer, RuntimeException e) {
        log.error("feed={} connection={} {} failed to write after seq={}; closing the connection so that the subscriber"
                + " replays", feed, connectionId(), writer, lastDataSeq, e);
        closeConnection();
    }

    /** Holder of the turn: one payload, one flush; a slow one marks the socket as backing up. */
    private void write(FrameBatch frames) {
        long started = System.nanoTime();
        send(frames.payload());
        lastDataSeq = frames.lastDataSeq(lastDataSeq);
        long ended = System.nanoTime();
        lastSendNanos = ended;
        boolean slow = ended - started > SLOW_WRITE_NANOS;
        if (slow && lastWriteSlow) {
            backedUpUntilNanos = ended + BACKED_UP_NANOS;
        }
        lastWriteSlow = slow;
    }

    private static long nonZeroNanoTime() {
        long now = System.nanoTime();
        return now == 0 ? 1 : now;
    }

    private void send(Object payload) {
        connection.send(OutboundFrame.of(payload));
    }
}
