package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.halt.TradingState;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The way from the connections into the {@link OrderEngine}, in batches, without a thread of its
 * own: each connection's reading thread queues its order, then takes the engine's lock and, unless
 * an earlier holder has already answered it, decides everything queued at that moment (what
 * arrived together) in arrival order, commits it to the store once (one journal flush for the
 * batch), and only then completes each order's answer. So nothing is answered before it is
 * stored, a busy moment costs one flush rather than one per order, and an order that finds the
 * engine free is decided on the thread that read it — no hand-over, no wake-up between the frame
 * and the decision (flat combining; the order manager's engine thread used to cost a wake-up of
 * 30–50 µs per order on a small VM).
 *
 * <p>The orders that queue while a holder commits wait for the lock; the next holder takes them
 * all as one batch. The queue holds at most one order per connection (each waits for its answer
 * before it reads the next frame), so the connection cap bounds a batch.
 *
 * <p>The engine's lock is the memory barrier between the threads that decide in turn: what one
 * holder wrote (positions, order ids, the journal's batch) happens-before the next holder reads it.
 */
public final class OrderEntry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    /**
     * The most orders one batch takes: the queue holds one per connection at most, so this only
     * bounds a batch beyond a thousand connections.
     */
    static final int MAX_BATCH = 1024;

    private final OrderEngine engine;
    private final ReentrantLock engineLock;
    private final LinkedBlockingQueue<Ticket> queue = new LinkedBlockingQueue<>();
    /** The batch being decided: only the holder of the engine's lock touches it. */
    private final List<Ticket> batch = new ArrayList<>();
    private boolean stopped; // guarded by this: no ticket is queued once stopped

    public OrderEntry(OrderEngine engine) {
        this.engine = engine;
        this.engineLock = engine.writerLock();
    }

    /**
     * Decides an order and waits until it is stored (or in doubt).
     *
     * @throws IllegalStateException when the engine has stopped (the service is shutting down),
     *                               or failed on this order (a bug, logged with its stack)
     */
    public Decision submit(Order order, String loggedOnStrategyId, long receivedTs) throws InterruptedException {
        return decide(new Ticket(order, loggedOnStrategyId, receivedTs, null, null));
    }

    /**
     * Settles the order a {@code cancel} names, in turn with the orders (so an order and its cancel
     * never both win), and waits until the fence it may store is stored (or in doubt).
     *
     * @throws IllegalStateException as {@link #submit}
     */
    public Decision cancel(Cancel cancel, String loggedOnStrategyId, long receivedTs) throws InterruptedException {
        Ticket ticket = new Ticket(null, loggedOnStrategyId, receivedTs, null, null);
        ticket.cancel = cancel;
        return decide(ticket);
    }

    /** Answers an order frame whose values did not decode, in turn with the orders (the engine owns the order ids). */
    public Decision refuseUndecodable(String clientOrderId, Rejection rejection, long receivedTs) throws InterruptedException {
        return decide(new Ticket(null, null, receivedTs, clientOrderId, rejection));
    }

    /**
     * Halts or releases trading, in turn with the orders: every order decided after this returns
     * sees the new state. The orders queued meanwhile wait for the lock and are decided by their
     * own threads, as always.
     */
    public OrderEngine.Switched switchTrading(TradingState next) throws InterruptedException {
        engineLock.lockInterruptibly();
        try {
            return engine.switchTrading(next);
        } finally {
            engineLock.unlock();
        }
    }

    /** The kill switch's state now. */
    public TradingState tradingState() {
        return engine.tradingState();
    }

    /** Orders waiting for the engine's lock now (not those being decided or committed). */
    public int queued() {
        return queue.size();
    }

    private Decision decide(Ticket ticket) throws InterruptedException {
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("order engine stopped");
            }
            queue.add(ticket);
        }
        engineLock.lockInterruptibly();
        try {
            while (!ticket.answer.isDone()) {
                // Usually one pass; more only when over MAX_BATCH orders queued ahead of this one.
                decideQueued();
            }
        } finally {
            engineLock.unlock();
        }
        try {
            return ticket.answer.get(); // done: this thread or an earlier holder completed it
        } catch (ExecutionException e) {
            throw new IllegalStateException("order engine failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Stops taking orders and decides those already queued, so that a connection thread that
     * was waiting for the lock finds its answer.
     */
    @Override
    public void destroy() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        engineLock.lock();
        try {
            while (decideQueued() > 0) {
                // one batch per pass, until the queue is empty
            }
        } finally {
            engineLock.unlock();
        }
    }

    /** Under the engine's lock: takes what is queued as one batch, decided, committed once, answered. */
    private int decideQueued() {
        int taken = queue.drainTo(batch, MAX_BATCH);
        if (taken == 0) {
            return 0;
        }
        try {
            decideAndAnswer();
        } finally {
            failUnanswered(); // a bug above must not leave a connection waiting forever
            batch.clear();
        }
        return taken;
    }

    private void failUnanswered() {
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Decision> answer = batch.get(i).answer;
            if (!answer.isDone()) {
                answer.completeExceptionally(new IllegalStateException("order engine failed on this batch"));
            }
        }
    }

    /** Decides each order of the batch, commits them once, then answers each. */
    private void decideAndAnswer() {
        for (int i = 0; i < batch.size(); i++) {
            Ticket ticket = batch.get(i);
            try {
                ticket.decision = ticket.order != null
                    ? engine.decide(ticket.order, ticket.strategyId, ticket.receivedTs)
                    : ticket.cancel != null ? engine.cancel(ticket.cancel, ticket.strategyId, ticket.receivedTs)
                    : engine.refuseUndecodable(ticket.undecodableId, ticket.rejection, ticket.receivedTs);
            } catch (RuntimeException e) {
                log.error("Order engine failed on an order; the engine keeps running", e);
                ticket.answer.completeExceptionally(e);
            }
        }
        boolean committed;
        try {
            committed = engine.commit();
        } catch (RuntimeException e) {
            log.error("Order store failed to commit a batch of {} orders; none is answered", batch.size(), e);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer.completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Ticket ticket = batch.get(i);
            if (ticket.decision != null) {
                ticket.answer.complete(engine.afterCommit(ticket.decision, committed));
            }
        }
    }

    /** One order (or cancel) frame handed to the engine, and the answer its connection waits for. */
    private static final class Ticket {
        final Order order;
        final String strategyId;
        final long receivedTs;
        final String undecodableId;
        final Rejection rejection;
        final CompletableFuture<Decision> answer = new CompletableFuture<>();
        Cancel cancel; // set before the ticket is queued; null for an order frame
        Decision decision; // under the engine's lock only

        Ticket(Order order, String strategyId, long receivedTs, String undecodableId, Rejection rejection) {
            this.order = order;
            this.strategyId = strategyId;
            this.receivedTs = receivedTs;
            this.undecodableId = undecodableId;
            this.rejection = rejection;
        }
    }
}
