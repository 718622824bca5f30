package io.tradingstack.benchmarks.driver;

import java.util.concurrent.TimeUnit;

import io.tradingstack.agent.AgentThread;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * How late a parked thread of this machine wakes, as jHiccup measures it: a thread of the driver
 * parks for {@link #PARK_NANOS} again and again, and each time records how much longer than that
 * it was away. Every hop of tick-to-trade is such a wake-up (a thread blocked in a socket read),
 * so this is the floor of the stack's tail on this machine at that moment, whatever the stack
 * does: on a VM a halted virtual CPU is woken by the host, and a woken thread waits for a core
 * that another process holds. The median includes the kernel's timer slack (about 50 µs), which
 * a socket wake-up does not pay; the tail is the machine's.
 */
final class WakeUpMeter implements Agent {

    static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final NanoClock clock;
    private final Recorder lateness = new Recorder(3);
    private long lastWake;

    WakeUpMeter(NanoClock clock) {
        this.clock = clock;
    }

    /** Measures on a thread of its own until the returned thread is closed. */
    static Running start() {
        WakeUpMeter meter = new WakeUpMeter(SystemNanoClock.INSTANCE);
        AgentThread thread = AgentThread.start(meter, new SleepingIdleStrategy(PARK_NANOS),
            error -> System.err.println("[driver] wake-up meter: " + error));
        return new Running(meter, thread);
    }

    /** One wake-up: the time since the previous one, less the park, is how late it came. */
    @Override
    public int doWork() {
        long now = clock.nanoTime();
        if (lastWake != 0) {
            lateness.recordValue(Math.max(0, now - lastWake - PARK_NANOS));
        }
        lastWake = now;
        return 0; // nothing done: the idle strategy parks
    }

    @Override
    public String roleName() {
        return "wake-up-meter";
    }

    /** What was recorded since the previous call, in nanoseconds. */
    Histogram recorded() {
        return lateness.getIntervalHistogram();
    }

    /** A meter on its thread: {@link #stop()} stops it and gives what it measured; closing stops it too. */
    record Running(WakeUpMeter meter, AgentThread thread) implements AutoCloseable {

        Histogram stop() {
            thread.close();
            return meter.recorded();
        }

        /** Stops the thread, if {@link #stop()} has not (the measurement failed); a second close does nothing. */
        @Override
        public void close() {
            thread.close();
        }
    }
}
