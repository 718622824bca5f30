package io.tradingstack.agent;

import io.micrometer.core.instrument.MeterRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.springframework.context.SmartLifecycle;

/**
 * An agent run on its own thread while the application runs: started and stopped by Spring in
 * {@code phase} order, its errors counted and logged by an {@link AgentErrorHandler}. For an
 * agent that needs nothing else at start and stop; a bean that does (opens a file, checks its
 * configuration, logs what it starts) calls {@link AgentThread} from its own start and stop.
 */
public final class AgentLifecycle implements SmartLifecycle {

    private final Agent agent;
    private final IdleStrategy idle;
    private final AgentErrorHandler errors;
    private final int phase;
    private AgentThread thread; // guarded by this

    public AgentLifecycle(Agent agent, IdleStrategy idle, MeterRegistry registry, int phase) {
        this(agent, idle, new AgentErrorHandler(agent.roleName(), registry), phase);
    }

    /** @param errors shared with whatever else runs the agent's work on other threads */
    public AgentLifecycle(Agent agent, IdleStrategy idle, AgentErrorHandler errors, int phase) {
        this.agent = agent;
        this.idle = idle;
        this.errors = errors;
        this.phase = phase;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = AgentThread.start(agent, idle, errors);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.close();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    public Agent agent() {
        return agent;
    }
}
