package io.tradingstack.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.ErrorHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What an agent's runner does with an exception from one iteration: counts it in
 * {@code trading.agent.errors{agent}}, logs it with its stack the first time it is seen and at
 * debug after that, and lets the loop go on; an {@link Error} (out of memory, a failed assert) is
 * logged and rethrown, which ends the agent's thread. "The same error" is the same exception class
 * thrown from the same place, whatever its message says, so that a message carrying a sequence
 * number or a price cannot make every occurrence look new and flood the log (as Agrona's
 * {@code DistinctErrorLog} keys by class and stack).
 */
public final class AgentErrorHandler implements ErrorHandler {

    /** Distinct errors remembered; past this every error is logged at debug only. */
    static final int MAX_DISTINCT = 1_000;

    private static final Log log = LogFactory.getLog(AgentErrorHandler.class);

    private final String agent;
    private final Counter errors;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param agent the agent's role name, the {@code agent} tag: one of a few fixed names per service */
    public AgentErrorHandler(String agent, MeterRegistry registry) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.errors = Counter.builder(TradingMetric.AGENT_ERRORS.metricName())
            .description(TradingMetric.AGENT_ERRORS.description())
            .tag(TradingMetric.Tags.AGENT, agent)
            .register(registry);
    }

    @Override
    public void onError(Throwable error) {
        errors.increment();
        if (error instanceof Error fatal) {
            log.error("Agent " + agent + " failed and stops: no more work is done on its thread", fatal);
            throw fatal;
        }
        if (seen.size() < MAX_DISTINCT && seen.add(key(error))) {
            log.error("Agent " + agent + " failed on one iteration and keeps running; the same error is only counted "
                + "from now on", error);
        } else if (log.isDebugEnabled()) {
            log.debug("Agent " + agent + " failed again: " + error);
        }
    }

    /** Errors logged with their stack so far. */
    public int distinctErrors() {
        return seen.size();
    }

    /** The exception class and where it was thrown. */
    private static String key(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        return stack.length == 0 ? error.getClass().getName() : error.getClass().getName() + '@' + stack[0];
    }
}
