package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.protocol.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The hand-off from the connections to the {@link OrderEngine}, in batches: each connection's
 * reading thread queues its order and waits; the one {@code order-engine} thread takes the first
 * queued order and whatever else is queued with it (what arrived together), decides each in
 * arrival order, commits them to the store once (one journal flush for the batch), and only then
 * hands every waiting thread its decision to send. So nothing is answered before it is stored,
 * and a busy moment costs one flush, not one per order. The queue holds at most one order per
 * connection (each waits for its answer before it reads the next frame), so the connection cap
 * bounds a batch.
 *
 * <p>The queue is the memory barrier from a connection thread to the engine (what it did before
 * queuing happens-before the engine decides); completing the ticket's future is the one back.
 */
public final class OrderEntry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    private static final long STOP_TIMEOUT_SECONDS = 5;

    /** Queued last by {@link #destroy()}: the engine decides what came before it, then ends. */
    private static final Ticket STOP = new Ticket(null, null, 0, null, null);

    private final OrderEngine engine;
    private final LinkedBlockingQueue<Ticket> queue = new LinkedBlockingQueue<>();
    private final Thread engineThread;
    private boolean stopped; // guarded by this: no ticket is queued after STOP

    public OrderEntry(OrderEngine engine) {
        this.engine = engine;
        this.engineThread = new Thread(this::run, "order-engine");
        engineThread.setDaemon(true);
        engineThread.start(); // last: the thread sees the fields above
    }

    /**
     * Decides an order on the engine thread and waits until it is stored (or in doubt).
     *
     * @throws IllegalStateException when the engine has stopped (the service is shutting down),
     *                               or failed on this order (a bug, logged with its stack)
     */
    public Decision submit(Order order, String loggedOnStrategyId, long receivedTs) throws InterruptedException {
        return await(new Ticket(order, loggedOnStrategyId, receivedTs, null, null));
    }

    /** Answers an order frame whose values did not decode, on the engine thread (it owns the order ids). */
    public Decision refuseUndecodable(String clientOrderId, Rejection rejection, long receivedTs) throws InterruptedException {
        return await(new Ticket(null, null, receivedTs, clientOrderId, rejection));
    }

    /** Orders waiting for the engine now (not those it is deciding or committing). */
    public int queued() {
        return queue.size();
    }

    private Decision await(Ticket ticket) throws InterruptedException {
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("order engine stopped");
            }
            queue.add(ticket);
        }
        try {
            return ticket.answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("order engine failed: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        List<Ticket> batch = new ArrayList<>();
        try {
            boolean stop = false;
            while (!stop) {
                batch.add(queue.take());
                queue.drainTo(batch);
                stop = batch.get(batch.size() - 1) == STOP; // nothing is queued after STOP
                if (stop) {
                    batch.remove(batch.size() - 1);
                }
                decideAndAnswer(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // destroy() gave up waiting; it fails whatever is left
        }
    }

    /** Decides each order of the batch, commits them once, then answers each. */
    private void decideAndAnswer(List<Ticket> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Ticket ticket = batch.get(i);
            try {
                ticket.decision = ticket.order != null
                    ? engine.decide(ticket.order, ticket.strategyId, ticket.receivedTs)
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

    /** Decides and answers the orders already handed over, then stops the engine thread. */
    @Override
    public void destroy() throws InterruptedException {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            queue.add(STOP);
        }
        engineThread.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
        if (engineThread.isAlive()) {
            log.warn("Order engine did not finish its queued orders within {} s", STOP_TIMEOUT_SECONDS);
            engineThread.interrupt();
            engineThread.join(TimeUnit.SECONDS.toMillis(1));
        }
        for (Ticket left = queue.poll(); left != null; left = queue.poll()) {
            left.answer.completeExceptionally(new IllegalStateException("order engine stopped"));
        }
    }

    /** One order frame handed to the engine, and the answer its connection waits for. */
    private static final class Ticket {
        final Order order;
        final String strategyId;
        final long receivedTs;
        final String undecodableId;
        final Rejection rejection;
        final CompletableFuture<Decision> answer = new CompletableFuture<>();
        Decision decision; // engine thread only

        Ticket(Order order, String strategyId, long receivedTs, String undecodableId, Rejection rejection) {
            this.order = order;
            this.strategyId = strategyId;
            this.receivedTs = receivedTs;
            this.undecodableId = undecodableId;
            this.rejection = rejection;
        }
    }
}
