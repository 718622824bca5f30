package io.tradingstack.ordermanager.halt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.engine.OrderEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The kill switch, its {@code trading} health component and its {@code trading.halted} gauge. */
@Configuration(proxyBeanMethods = false)
class KillSwitchConfiguration {

    @Bean
    KillSwitch killSwitch(OrderEntry entry, EpochNanoClock clock, MeterRegistry registry) {
        KillSwitch killSwitch = new KillSwitch(entry, clock);
        Gauge.builder(TradingMetric.TRADING_HALTED.metricName(), killSwitch, k -> k.state().halted() ? 1 : 0)
            .description(TradingMetric.TRADING_HALTED.description())
            .register(registry);
        return killSwitch;
    }

    /** Named {@code tradingHealthIndicator}, so Actuator shows it as the {@code trading} component. */
    @Bean
    TradingHealthIndicator tradingHealthIndicator(KillSwitch killSwitch) {
        return new TradingHealthIndicator(killSwitch);
    }
}
