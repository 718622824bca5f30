package io.tradingstack.ordermanager.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.DecodeFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code trading.frames.invalid{service=order-manager, reason}}: frames that closed their
 * connection. The reasons are a closed set (the decode failures and the session refusals), all
 * registered at start so each series starts at 0.
 */
final class InvalidFrames {

    static final String SERVICE = "order-manager";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    InvalidFrames(MeterRegistry registry) {
        this.registry = registry;
        for (DecodeFailure failure : DecodeFailure.values()) {
            counters.computeIfAbsent(failure.name(), this::register);
        }
        for (SessionRefusal refusal : new SessionRefusal[] {SessionRefusal.AUTH_FAILED, SessionRefusal.UNEXPECTED_FRAME,
            SessionRefusal.READ_TIMEOUT}) {
            counters.computeIfAbsent(refusal.name(), this::register);
        }
    }

    void count(String reason) {
        counters.computeIfAbsent(reason, this::register).increment();
    }

    private Counter register(String reason) {
        return Counter.builder(TradingMetric.FRAMES_INVALID.metricName())
            .description(TradingMetric.FRAMES_INVALID.description())
            .tag(TradingMetric.Tags.SERVICE, SERVICE)
            .tag(TradingMetric.Tags.REASON, reason)
            .register(registry);
    }
}
