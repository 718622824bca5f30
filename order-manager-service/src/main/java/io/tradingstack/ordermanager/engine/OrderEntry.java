package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.protocol.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentErrorHandler;
import io.tradingstack.agent.AgentThread;
import io.tradingstack.agent.WakeableIdleStrategy;
import java.time.Duration;
import org.agrona.concurrent.Agent;
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
 *
 * <p>The engine thread is an agent ({@link EngineAgent}): each {@code doWork} takes one batch. It
 * parks while nothing is queued and each hand-over wakes it at once ({@link WakeableIdleStrategy}),
 * so an order waits for the engine, never for a park period to end.
 */
public final class OrderEntry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    static final String ROLE = "order-engine";

    /**
     * The most orders one batch takes: the queue holds one per connection at most, so this only
     * bounds a batch beyond a thousand connections.
     */
    static final int MAX_BATCH = 1024;

    /** How long an idle engine parks unless woken: a safety net only, since every hand-over wakes it. */
    private static final Duration MAX_PARK = Duration.ofMillis(100);

    private final LinkedBlockingQueue<Ticket> queue = new LinkedBlockingQueue<>();
    private final WakeableIdleStrategy idle = WakeableIdleStrategy.untilWoken(MAX_PARK);
    private final EngineAgent agent;
    private final AgentThread engineThread;
    private boolean stopped; // guarded by this: no ticket is queued once stopped

    public OrderEntry(OrderEngine engine, MeterRegistry registry) {
        this.agent = new EngineAgent(engine, queue);
        this.engineThread = AgentThread.start(agent, idle, new AgentErrorHandler(ROLE, registry)); // last: fields set
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
        idle.wake(); // after the add: the engine, once awake, finds the ticket
        try {
            return ticket.answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("order engine failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Decides and answers the orders already handed over, then stops the engine thread: the
     * agent's {@code onClose} takes what is still queued, on the engine thread.
     */
    @Override
    public void destroy() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        engineThread.close();
        for (Ticket left = queue.poll(); left != null; left = queue.poll()) {
            left.answer.completeExceptionally(new IllegalStateException("order engine stopped"));
        }
    }

    /** The {@code order-engine} thread's work: the only caller of the {@link OrderEngine}. */
    static final class EngineAgent implements Agent {

        private final OrderEngine engine;
        private final LinkedBlockingQueue<Ticket> queue;
        private final List<Ticket> batch = new ArrayList<>();

        EngineAgent(OrderEngine engine, LinkedBlockingQueue<Ticket> queue) {
            this.engine = engine;
            this.queue = queue;
        }

        /** Takes what is queued (what arrived together) as one batch: decided, committed once, answered. */
        @Override
        public int doWork() {
            int taken = queue.drainTo(batch, MAX_BATCH);
            if (taken == 0) {
                return 0;
            }
            try {
                decideAndAnswer(batch);
            } finally {
                failUnanswered(batch); // a bug above must not leave a connection waiting forever
                batch.clear();
            }
            return taken;
        }

        /** The service is stopping and nothing more is queued: what was handed over is still decided. */
        @Override
        public void onClose() {
            while (doWork() > 0) {
                // one batch per pass, until the queue is empty
            }
        }

        @Override
        public String roleName() {
            return ROLE;
        }

        private static void failUnanswered(List<Ticket> batch) {
            for (int i = 0; i < batch.size(); i++) {
                CompletableFuture<Decision> answer = batch.get(i).answer;
                if (!answer.isDone()) {
                    answer.completeExceptionally(new IllegalStateException("order engine failed on this batch"));
                }
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
