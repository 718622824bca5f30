package io.tradingstack.strategy.order;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order client's problems with the order manager: the last one and when, for the health
 * check, and each distinct one logged at WARN once until the next good exchange, then at debug,
 * so that an order manager that keeps refusing fills no log. Any thread.
 */
final class ProblemLog {

    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

    /** Distinct problem texts remembered as logged. */
    private static final int MAX_DISTINCT_PROBLEMS = 16;

    private final String strategyId;

    // guarded by this: problems logged since the last good exchange, and whether the next
    // connection is worth an INFO line (the first, or the first after a problem)
    private final Set<String> logged = new LinkedHashSet<>();
    private boolean announceConnect = true;

    private volatile String lastError = "";
    private volatile Instant lastErrorAt;

    ProblemLog(String strategyId) {
        this.strategyId = strategyId;
    }

    synchronized void problem(String text) {
        lastError = text;
        lastErrorAt = Instant.now();
        if (logged.add(text)) {
            if (logged.size() > MAX_DISTINCT_PROBLEMS) {
                logged.remove(logged.iterator().next());
            }
            announceConnect = true;
            log.warn("Strategy {}: {}", strategyId, text);
        } else {
            log.debug("Strategy {}: {}", strategyId, text);
        }
    }

    /** An execution arrived, or the connection stayed open: problems are worth logging again. */
    synchronized void healthy() {
        logged.clear();
    }

    /** A new connection is open (and logged on): INFO for the first and the first after a problem. */
    synchronized void connected(String address, boolean loggedOn) {
        if (announceConnect) {
            announceConnect = false;
            log.info("Strategy {}: connected to the order manager at {}{}", strategyId, address,
                loggedOn ? ", logon sent" : "");
        } else {
            log.debug("Strategy {}: connected to the order manager at {} again", strategyId, address);
        }
    }

    /** The last problem, "" when none yet. */
    String lastError() {
        return lastError;
    }

    /** When the last problem happened, null when none yet. */
    Instant lastErrorAt() {
        return lastErrorAt;
    }
}
