package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.protocol.Order;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The hand-off from the connections to the {@link OrderEngine}: each connection's reading
 * thread submits its order to the one {@code order-engine} thread and waits for the decision,
 * so orders from all connections are decided one at a time, in arrival order, and each
 * connection gets its answers in the order it sent. The queue holds at most one order per
 * connection (each waits for its answer before it reads the next frame), so the connection cap
 * bounds it.
 *
 * <p>The executor's queue is the memory barrier between the threads: what a connection thread
 * did before submitting happens-before the engine runs the order, and the engine's work
 * happens-before {@code Future.get} returns.
 */
public final class OrderEntry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    private final OrderEngine engine;
    private final ThreadPoolExecutor engineThread;

    public OrderEntry(OrderEngine engine) {
        this.engine = engine;
        this.engineThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "order-engine");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Decides an order on the engine thread and waits for it.
     *
     * @throws IllegalStateException when the engine has stopped (the service is shutting down),
     *                               or failed on this order (a bug, logged with its stack)
     */
    public Decision submit(Order order, String loggedOnStrategyId, long receivedTs) throws InterruptedException {
        return await(() -> engine.decide(order, loggedOnStrategyId, receivedTs));
    }

    /** Answers an order frame whose values did not decode, on the engine thread (it owns the order ids). */
    public Decision refuseUndecodable(String clientOrderId, Rejection rejection, long receivedTs) throws InterruptedException {
        return await(() -> engine.refuseUndecodable(clientOrderId, rejection, receivedTs));
    }

    private Decision await(Callable<Decision> task) throws InterruptedException {
        Future<Decision> decision;
        try {
            decision = engineThread.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("order engine stopped", e);
        }
        try {
            return decision.get();
        } catch (ExecutionException e) {
            log.error("Order engine failed on an order; the engine keeps running", e.getCause());
            throw new IllegalStateException("order engine failed: " + e.getCause(), e.getCause());
        }
    }

    /** Decides the orders already handed over, then stops the engine thread. */
    @Override
    public void destroy() throws InterruptedException {
        engineThread.shutdown();
        if (!engineThread.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("Order engine did not finish its queued orders within 5 s");
            engineThread.shutdownNow();
        }
    }
}
