package io.tradingstack.agent;

import org.agrona.concurrent.Agent;

/**
 * An agent that runs one task whenever its {@link PeriodicSchedule} says it is due: a heartbeat,
 * a file check, a simulation step at N a second. Its {@link #idleStrategy()} parks until the next
 * run. The run is claimed before the task runs, so a task that throws is skipped (and counted by
 * the runner's error handler), not retried at once.
 */
public final class PeriodicAgent implements Agent {

    /** One run of the periodic work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final String roleName;
    private final PeriodicSchedule schedule;
    private final Task task;

    /** @param roleName the agent's name: its thread's, and its {@code agent} tag in metrics */
    public PeriodicAgent(String roleName, PeriodicSchedule schedule, Task task) {
        this.roleName = roleName;
        this.schedule = schedule;
        this.task = task;
    }

    @Override
    public int doWork() throws Exception {
        if (!schedule.claim()) {
            return 0;
        }
        task.run();
        return 1;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    /** Parks until the next run is due; a period at most. */
    public WakeableIdleStrategy idleStrategy() {
        return WakeableIdleStrategy.untilDue(schedule::dueNanos, schedule.period());
    }
}
