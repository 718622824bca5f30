package io.tradingstack.agent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * Idles an agent that did no work by parking its thread until the earliest of: the agent's next
 * due time ({@code dueNanos}, on the {@link System#nanoTime()} scale), a producer's
 * {@link #wake()}, or {@code maxPark}. It never spins: on a 2-core machine a spinning loop takes a
 * core from the threads that feed it. An agent that did work is not parked at all, so a backlog is
 * worked off at once and a paced agent that fell behind catches up.
 *
 * <p>A loop fed by a queue from other threads calls {@link #wake()} after each hand-over, so it
 * runs at once rather than after a park period. No wake-up is lost, whatever the interleaving:
 * the producer stores {@code signalled} then loads {@code parked}; the agent stores
 * {@code parked} then swaps {@code signalled}; all four are volatile, so at least one side sees
 * the other's store (Dekker) and either the agent skips the park or the producer unparks it
 * ({@link LockSupport} keeps that permit even when it comes before the park).
 *
 * <p>{@code maxPark} bounds every park, so an agent looks at its state again at least that often
 * (a spurious or lost signal can only delay it so much). {@link #close()} stops all parking, so
 * that an {@code AgentRunner} closing the agent does not wait out a long period.
 */
public final class WakeableIdleStrategy implements IdleStrategy {

    /** What {@code dueNanos} returns when nothing is scheduled: park until woken or {@code maxPark}. */
    public static final long NOTHING_DUE = Long.MAX_VALUE;

    private static final VarHandle SIGNALLED;

    static {
        try {
            SIGNALLED = MethodHandles.lookup().findVarHandle(WakeableIdleStrategy.class, "signalled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LongSupplier dueNanos;
    private final long maxParkNanos;
    private final LongSupplier nanoClock;
    private final LongConsumer parker;

    /** The agent thread, set before its first park; read by producers to unpark it. */
    private volatile Thread owner;
    /** Agent thread: true while parked or about to park. Dekker pair of {@code signalled}. */
    private volatile boolean parked;
    /** Producers: true after a wake the agent has not seen yet. */
    private volatile boolean signalled;
    private volatile boolean closed;

    WakeableIdleStrategy(LongSupplier dueNanos, Duration maxPark, LongSupplier nanoClock, LongConsumer parker) {
        if (maxPark.isNegative() || maxPark.isZero()) {
            throw new IllegalArgumentException("maxPark=" + maxPark + ", must be > 0");
        }
        this.dueNanos = dueNanos;
        this.maxParkNanos = maxPark.toNanos();
        this.nanoClock = nanoClock;
        this.parker = parker;
    }

    /**
     * For a paced or periodic agent (and one that is also fed by a queue).
     *
     * @param dueNanos when the agent next has work on the {@link System#nanoTime()} scale, or
     *                 {@link #NOTHING_DUE}; read on the agent thread before each park
     * @param maxPark  the longest park, whatever is due
     */
    public static WakeableIdleStrategy untilDue(LongSupplier dueNanos, Duration maxPark) {
        return new WakeableIdleStrategy(dueNanos, maxPark, System::nanoTime, LockSupport::parkNanos);
    }

    /** For an agent fed only by a queue: parks until {@link #wake()}, or {@code maxPark} at most. */
    public static WakeableIdleStrategy untilWoken(Duration maxPark) {
        return untilDue(() -> NOTHING_DUE, maxPark);
    }

    @Override
    public void idle(int workCount) {
        if (workCount <= 0) {
            idle();
        }
    }

    /** Parks until due, woken or {@code maxPark}; returns at once when a wake came since the last park. */
    @Override
    public void idle() {
        long due = dueNanos.getAsLong();
        long park = maxParkNanos;
        if (due != NOTHING_DUE) {
            park = Math.min(park, due - nanoClock.getAsLong());
        }
        if (park <= 0 || closed) {
            return;
        }
        Thread current = Thread.currentThread();
        if (owner != current) {
            owner = current; // before parked: a producer that sees parked sees the owner
        }
        parked = true; // volatile store, then the swap below: pairs with wake()
        try {
            if (!(boolean) SIGNALLED.getAndSet(this, false) && !closed) {
                parker.accept(park);
            }
        } finally {
            parked = false;
        }
    }

    /** Nothing to reset: every park is computed afresh. */
    @Override
    public void reset() {
    }

    /**
     * Any thread: the agent has work. Call after the hand-over (the queue offer), so that the
     * agent, once awake, finds it. Costs a volatile store and load, and an unpark only when the
     * agent is parked.
     */
    public void wake() {
        signalled = true; // volatile store, then the load of parked: pairs with idle()
        if (parked) {
            Thread thread = owner;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    /** Whether the agent is parked now, or about to park: idle, waiting for work or its due time. */
    public boolean isParked() {
        return parked;
    }

    /** Stops parking (until {@link #open()}), and wakes a parked agent: its runner is closing. */
    public void close() {
        closed = true;
        wake();
    }

    /** Parks again after {@link #close()}: the agent is started again. */
    public void open() {
        closed = false;
    }

    @Override
    public String alias() {
        return "wakeable";
    }

    @Override
    public String toString() {
        return "WakeableIdleStrategy{maxParkNanos=" + maxParkNanos + '}';
    }
}
