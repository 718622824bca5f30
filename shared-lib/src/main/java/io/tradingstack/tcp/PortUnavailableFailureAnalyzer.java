package io.tradingstack.tcp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A TCP port that cannot be bound is an operator's problem to fix, not a bug: Spring Boot prints
 * this description and action instead of a stack trace. Registered in shared-lib's
 * {@code META-INF/spring.factories}, so every service has it.
 */
final class PortUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<PortUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Find what holds the port with `ss -ltnp 'sport = :" + cause.port() + "'` and stop it (`./stack status`"
                        + " lists the stack's own processes; `./stack down` stops them), or give server=" + cause.server()
                        + " another port or bind address in its configuration (docs/troubleshooting.md names the keys).",
                null);
    }
}
