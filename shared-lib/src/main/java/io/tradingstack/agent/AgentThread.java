package io.tradingstack.agent;

import java.util.Objects;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One agent on its own daemon thread, named after the agent's role: Agrona's {@link AgentRunner}
 * (which calls {@code onStart}, then {@code doWork} and the idle strategy until closed, then
 * {@code onClose}, all on that thread) started and closed from a bean's start and stop.
 */
public final class AgentThread implements AutoCloseable {

    private static final Log log = LogFactory.getLog(AgentThread.class);

    private final AgentRunner runner;
    private final IdleStrategy idle;

    private AgentThread(AgentRunner runner, IdleStrategy idle) {
        this.runner = runner;
        this.idle = idle;
    }

    /** Starts {@code agent} on a new daemon thread named {@link Agent#roleName()}. */
    public static AgentThread start(Agent agent, IdleStrategy idle, ErrorHandler errors) {
        Objects.requireNonNull(agent, "agent");
        if (idle instanceof WakeableIdleStrategy wakeable) {
            wakeable.open();
        }
        AgentRunner runner = new AgentRunner(idle, errors, null, agent);
        AgentRunner.startOnThread(runner, task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true); // never what keeps a JVM up: the application context stops it
            return thread;
        });
        return new AgentThread(runner, idle);
    }

    /** The agent's thread; null before it has begun running. */
    public Thread thread() {
        Thread thread = runner.thread();
        return thread == AgentRunner.TOMBSTONE ? null : thread;
    }

    public String roleName() {
        return runner.agent().roleName();
    }

    /**
     * Stops the loop after its current {@code doWork}, runs {@code onClose} on the agent's thread
     * and waits for the thread to end. A parked agent is woken rather than waited out; one that
     * is still busy after {@link AgentRunner#RETRY_CLOSE_TIMEOUT_MS} is interrupted.
     */
    @Override
    public void close() {
        if (idle instanceof WakeableIdleStrategy wakeable) {
            wakeable.close();
        }
        runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS,
            thread -> log.warn("Agent " + roleName() + " did not stop within " + AgentRunner.RETRY_CLOSE_TIMEOUT_MS
                + " ms; interrupting " + thread));
    }

    public boolean isClosed() {
        return runner.isClosed();
    }
}
