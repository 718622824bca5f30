package io.tradingstack.ordermanager.journal;

import io.tradingstack.journal.JournalCorruptedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up stopped by a damaged journal is an expected event for an operator, not a bug: Spring
 * Boot prints this description and action instead of a stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
final class JournalCorruptedFailureAnalyzer extends AbstractFailureAnalyzer<JournalCorruptedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JournalCorruptedException cause) {
        return new FailureAnalysis(cause.getMessage(),
            "The order journal " + cause.path() + " cannot be trusted from byte offset " + cause.offset()
                + " on, and cutting it there would drop orders that were acknowledged. Restore the file from a copy,"
                + " or move it away to start with no orders (its positions and seen clientOrderIds are then forgotten).",
            cause);
    }
}
