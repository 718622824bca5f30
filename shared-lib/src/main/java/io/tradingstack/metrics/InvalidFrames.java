package io.tradingstack.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.protocol.DecodeFailure;

/**
 * {@code trading.frames.invalid{service, reason}} of one server: frames refused as protocol
 * violations. The reasons are a closed set — every {@link DecodeFailure}, the frame server's
 * refusals (which each frame server {@linkplain #expect expects} when it is made) and the
 * protocol's own — registered at start so that each series exists at 0 before the first bad frame.
 */
public final class InvalidFrames {

    private final MeterRegistry registry;
    private final String service;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** @param refusals the protocol's own reasons beyond the decode failures, such as NO_REPLAY */
    public InvalidFrames(MeterRegistry registry, String service, Collection<String> refusals) {
        this.registry = registry;
        this.service = service;
        for (DecodeFailure failure : DecodeFailure.values()) {
            counters.computeIfAbsent(failure.name(), this::register);
        }
        for (String refusal : refusals) {
            counters.computeIfAbsent(refusal, this::register);
        }
    }

    /** Registers a reason's series at 0 now, so that it is scraped before the first such frame. */
    public void expect(String reason) {
        counters.computeIfAbsent(reason, this::register);
    }

    public void count(String reason) {
        counters.computeIfAbsent(reason, this::register).increment();
    }

    private Counter register(String reason) {
        return Counter.builder(TradingMetric.FRAMES_INVALID.metricName())
                .description(TradingMetric.FRAMES_INVALID.description())
                .tag(TradingMetric.Tags.SERVICE, service)
                .tag(TradingMetric.Tags.REASON, reason)
                .register(registry);
    }
}
