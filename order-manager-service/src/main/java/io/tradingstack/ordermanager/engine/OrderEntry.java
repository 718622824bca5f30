package io.tradingstack.ordermanager.engine;

import io.tradingstack.agent.AgentErrorHandler;
import io.tradingstack.agent.AgentThread;
import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.halt.TradingState;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Order;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The way from the connections into the {@link OrderEngine}, with no thread of its own: each
 * connection's reading thread decides its own order at once, under the engine's lock. Then it
 * commits, unless another thread is committing: it seals everything decided so far as one batch,
 * writes and forces it (one write and one fsync) without the engine's lock, and only then answers
 * each order of the batch, in the order decided, whichever connection it came from; it goes on
 * while more was decided meanwhile. A thread that finds a commit under way leaves its order to
 * that commit's next round and goes back to reading.
 *
 * <p>So nothing is answered before it is stored, a busy moment costs one flush rather than one
 * per order, an order that finds the engine idle is decided and committed on the thread that read
 * it (no hand-over, no wake-up: a wake-up costs 30–50 µs on a small VM), and no decision waits
 * for another connection's fsync: deciding takes microseconds, forcing a batch hundreds, and
 * before this split the engine's lock was held across the fsync. A connection's own next order
 * still waits in its socket while its thread commits.
 *
 * <p>The committing thread writes other connections' answers, so a strategy that stops reading
 * its executions would hold everyone's once its socket buffers are full: an answer that has not
 * returned after {@code answerWriteTimeout} is told to give up ({@link Reply#stalled}), and its
 * connection is cut (its orders are stored; a resend after the reconnect gets the original
 * executions). A watchdog thread ({@code order-answer-watchdog}) looks a few times per timeout.
 *
 * <p>The engine's lock is the memory barrier between the threads that decide in turn: what one
 * holder wrote (positions, order ids, the journal's batch) happens-before the next holder reads
 * it. The commit turn orders the commits: one at a time, each sealed after the one before
 * completed.
 */
public final class OrderEntry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    /** How long a shutdown waits for the decisions made before it to be committed and answered. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** Where a decision goes once its commit is complete: on the committing thread, in decision order. */
    public interface Reply {

        /**
         * The decision as it may be answered now: stored, or {@link Decision.Outcome#IN_DOUBT in
         * doubt}. On the committing thread, which may be another connection's.
         */
        void answer(Decision decision);

        /** The engine failed on this order (a bug, logged with its stack): nothing was decided. */
        void failed(RuntimeException cause);

        /**
         * Called on the watchdog thread while {@link #answer} has been blocked longer than the
         * answer write timeout (the client does not read): cut the connection, which ends the
         * blocked write.
         */
        void stalled(long blockedNanos);
    }

    private final OrderEngine engine;
    private final ReentrantLock engineLock;
    /** Held by the thread committing: one commit at a time. Never waited for, only tried. */
    private final ReentrantLock commitTurn = new ReentrantLock();
    private final long answerWriteTimeoutNanos;
    /** Decided, waiting for the next commit; under the engine's lock. */
    private List<Ticket> awaiting = new ArrayList<>();
    /** The batch being committed and answered: the holder of the commit turn only. */
    private List<Ticket> committing = new ArrayList<>();
    /** Decided and not yet answered: any thread. */
    private final AtomicInteger unanswered = new AtomicInteger();
    /** The reply being written and since when (System.nanoTime), 0 when none: for the watchdog. */
    private volatile Reply replying;
    private volatile long replyingSince;
    private boolean stopped; // under the engine's lock: no ticket is taken once stopped
    private final AgentThread watchdogThread;

    /**
     * Starts the watchdog thread; {@link #destroy()} commits and answers what was decided, then ends it.
     *
     * @param answerWriteTimeout how long one answer may block the committing thread before its connection is cut
     */
    public OrderEntry(OrderEngine engine, Duration answerWriteTimeout, MeterRegistry registry) {
        this.engine = engine;
        this.engineLock = engine.writerLock();
        this.answerWriteTimeoutNanos = answerWriteTimeout.toNanos();
        Duration watchPeriod = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(10), answerWriteTimeoutNanos / 4));
        PeriodicAgent watchdog = new PeriodicAgent("order-answer-watchdog", PeriodicSchedule.every(watchPeriod, false),
            this::cutStalledReply);
        this.watchdogThread = AgentThread.start(watchdog, watchdog.idleStrategy(),
            new AgentErrorHandler("order-answer-watchdog", registry));
    }

    /**
     * Decides an order now and commits it, unless another thread is committing (which then commits
     * it next); {@code reply} gets the answer once it is stored (or in doubt), on the committing thread.
     *
     * @throws IllegalStateException when the engine has stopped (the service is shutting down)
     * @throws InterruptedException  when interrupted while waiting for the engine's lock
     */
    public void submit(Order order, String loggedOnStrategyId, long receivedTs, Reply reply) throws InterruptedException {
        decide(new Ticket(reply, order, null, loggedOnStrategyId, receivedTs, null, null));
    }

    /**
     * Settles the order a {@code cancel} names, in turn with the orders (so an order and its cancel
     * never both win); {@code reply} gets the answer once the fence it may store is stored (or in doubt).
     *
     * @throws IllegalStateException as {@link #submit}
     */
    public void cancel(Cancel cancel, String loggedOnStrategyId, long receivedTs, Reply reply) throws InterruptedException {
        decide(new Ticket(reply, null, cancel, loggedOnStrategyId, receivedTs, null, null));
    }

    /** Answers an order frame whose values did not decode, in turn with the orders (the engine owns the order ids). */
    public void refuseUndecodable(String clientOrderId, Rejection rejection, long receivedTs, Reply reply)
            throws InterruptedException {
        decide(new Ticket(reply, null, null, null, receivedTs, clientOrderId, rejection));
    }

    /**
     * Halts or releases trading, in turn with the orders, and waits until the switch is journaled:
     * every order decided after this returns sees the new state (a halt holds from the moment it
     * is decided, a release once it is stored).
     */
    public OrderEngine.Switched switchTrading(TradingState next) throws InterruptedException {
        Ticket ticket = new Ticket(next);
        engineLock.lockInterruptibly();
        try {
            checkRunning();
            if (!engine.beginSwitch(next)) {
                return OrderEngine.Switched.JOURNAL_UNAVAILABLE;
            }
            enqueue(ticket);
        } finally {
            engineLock.unlock();
        }
        commitWhileDecided();
        try {
            return ticket.switched.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("order engine failed: " + e.getCause(), e.getCause());
        }
    }

    /** The kill switch's state now. */
    public TradingState tradingState() {
        return engine.tradingState();
    }

    /** Orders (and cancels, and switches) decided and not yet answered: waiting for, or in, a commit. */
    public int awaitingCommit() {
        return unanswered.get();
    }

    private void decide(Ticket ticket) throws InterruptedException {
        engineLock.lockInterruptibly();
        try {
            checkRunning();
            try {
                ticket.decision = ticket.order != null
                    ? engine.decide(ticket.order, ticket.strategyId, ticket.receivedTs)
                    : ticket.cancel != null ? engine.cancel(ticket.cancel, ticket.strategyId, ticket.receivedTs)
                    : engine.refuseUndecodable(ticket.undecodableId, ticket.rejection, ticket.receivedTs);
            } catch (RuntimeException e) {
                log.error("Order engine failed on an order; the engine keeps running", e);
                throw new IllegalStateException("order engine failed: " + e, e);
            }
            enqueue(ticket);
        } finally {
            engineLock.unlock();
        }
        commitWhileDecided();
    }

    /**
     * Commits what was decided, round after round, unless another thread is committing: that one
     * takes what this thread decided in its next round. The count is raised before the turn is
     * tried, and the holder looks at it again after letting the turn go, so nothing decided is
     * left uncommitted between the two.
     */
    private void commitWhileDecided() {
        while (unanswered.get() > 0 && commitTurn.tryLock()) {
            try {
                commitOnce();
            } finally {
                commitTurn.unlock();
            }
        }
    }

    private void checkRunning() {
        if (stopped) {
            throw new IllegalStateException("order engine stopped");
        }
    }

    /** Under the engine's lock. */
    private void enqueue(Ticket ticket) {
        awaiting.add(ticket);
        unanswered.incrementAndGet();
    }

    /**
     * Stops taking orders, commits and answers those decided before, and ends the watchdog thread.
     */
    @Override
    public void destroy() {
        engineLock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
        } finally {
            engineLock.unlock();
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            commitWhileDecided();
            if (unanswered.get() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // another thread is committing
            }
        }
        if (unanswered.get() > 0) {
            log.warn("Order engine stopped with {} decisions not answered after {} s (a commit is stuck);"
                + " what was not committed was never acknowledged", unanswered.get(), DRAIN_TIMEOUT.toSeconds());
        }
        watchdogThread.close();
    }

    /** On the watchdog thread: cuts the connection whose answer has blocked the committing thread too long. */
    private void cutStalledReply() {
        Reply reply = replying;
        long since = replyingSince;
        if (reply == null || since == 0) {
            return;
        }
        long blocked = System.nanoTime() - since;
        if (blocked > answerWriteTimeoutNanos && reply == replying) {
            reply.stalled(blocked);
        }
    }

    /**
     * Holding the commit turn: seals what was decided as one batch, writes and forces it without
     * the engine's lock, then answers each decision of it.
     */
    private void commitOnce() {
        engineLock.lock();
        try {
            List<Ticket> sealed = awaiting;
            awaiting = committing;
            committing = sealed;
            engine.sealCommit();
        } finally {
            engineLock.unlock();
        }
        if (committing.isEmpty()) {
            return;
        }
        try {
            commitAndAnswer();
        } finally {
            unanswered.addAndGet(-committing.size());
            committing.clear();
        }
    }

    private void commitAndAnswer() {
        boolean written = engine.writeCommit(); // the fsync, without the engine's lock
        RuntimeException failure = null;
        engineLock.lock();
        try {
            boolean committed = engine.completeCommit(written);
            for (int i = 0; i < committing.size(); i++) {
                Ticket ticket = committing.get(i);
                if (ticket.switchTo != null) {
                    ticket.switched.complete(engine.completeSwitch(ticket.switchTo, committed));
                } else {
                    ticket.decision = engine.afterCommit(ticket.decision, committed);
                }
            }
        } catch (RuntimeException e) {
            log.error("Order store failed to commit a batch of {} orders; none is answered", committing.size(), e);
            failure = e;
        } finally {
            engineLock.unlock();
        }
        // Answers (and the error frames of a failure) are written without the engine's lock, so
        // that a socket that blocks holds no decision.
        for (int i = 0; i < committing.size(); i++) {
            Ticket ticket = committing.get(i);
            if (ticket.switchTo != null) {
                if (failure != null) {
                    ticket.switched.completeExceptionally(failure); // no effect when completed above
                }
            } else if (failure != null) {
                ticket.reply.failed(failure);
            } else {
                answer(ticket);
            }
        }
    }

    private void answer(Ticket ticket) {
        replying = ticket.reply;
        replyingSince = System.nanoTime();
        try {
            ticket.reply.answer(ticket.decision);
        } finally {
            replyingSince = 0;
            replying = null;
        }
    }

    /** One frame decided by the engine (or one switch of the kill switch), and where its answer goes. */
    private static final class Ticket {
        final Reply reply;
        final Order order;
        final Cancel cancel;
        final String strategyId;
        final long receivedTs;
        final String undecodableId;
        final Rejection rejection;
        /** A switch of the kill switch, null for a frame. */
        final TradingState switchTo;
        /** What the switch came to, which the operator's thread waits for; null for a frame. */
        final CompletableFuture<OrderEngine.Switched> switched;
        Decision decision; // under the engine's lock, then the committing thread's

        Ticket(Reply reply, Order order, Cancel cancel, String strategyId, long receivedTs, String undecodableId,
                Rejection rejection) {
            this.reply = reply;
            this.order = order;
            this.cancel = cancel;
            this.strategyId = strategyId;
            this.receivedTs = receivedTs;
            this.undecodableId = undecodableId;
            this.rejection = rejection;
            this.switchTo = null;
            this.switched = null;
        }

        /** A switch of the kill switch: no frame, no reply, a future instead. */
        Ticket(TradingState switchTo) {
            this.reply = null;
            this.order = null;
            this.cancel = null;
            this.strategyId = null;
            this.receivedTs = 0;
            this.undecodableId = null;
            this.rejection = null;
            this.switchTo = switchTo;
            this.switched = new CompletableFuture<>();
        }
    }
}
