package io.tradingstack.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What every service's metrics share, applied by Spring Boot to each MeterRegistry: the latency
 * histogram of every {@code trading.*} timer and the {@code trading.jvm.allocated} counter.
 * Registered in {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports},
 * so a service gets both by depending on shared-lib.
 */
@AutoConfiguration
public class TradingMetricsAutoConfiguration {

    @Bean
    MeterFilter tradingLatencyHistograms() {
        return new LatencyHistograms();
    }

    @Bean
    MeterBinder tradingJvmAllocatedBytes() {
        return new JvmAllocatedBytes();
    }
}
