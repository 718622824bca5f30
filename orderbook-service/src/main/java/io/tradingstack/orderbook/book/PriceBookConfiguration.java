package io.tradingstack.orderbook.book;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentLifecycle;
import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.orderbook.OrderBookProperties;
import io.tradingstack.pricebook.PriceBookWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The price book this service is the single writer of, and what keeps it stamped. */
@Configuration(proxyBeanMethods = false)
class PriceBookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PriceBookConfiguration.class);

    @Bean
    EpochNanoClock epochNanoClock() {
        return SystemEpochNanoClock.instance();
    }

    /**
     * Creates the book, or reopens an existing one in place so that mapped readers keep working
     * across a restart; slots a dead writer left mid-update are repaired on open.
     */
    @Bean(destroyMethod = "close")
    PriceBookWriter priceBookWriter(PriceBookProperties properties, EpochNanoClock clock) {
        PriceBookWriter writer = PriceBookWriter.open(properties.path(), properties.capacity(), clock);
        log.info("Price book {} open for writing: capacity {}, {} symbols already registered, {} slots repaired",
            writer.path(), writer.capacity(), writer.symbolCount(), writer.repairedSlots());
        return writer;
    }

    @Bean
    PriceBookUpdater priceBookUpdater(PriceBookWriter writer, EpochNanoClock clock, MeterRegistry registry) {
        return new PriceBookUpdater(writer, clock, registry);
    }

    /** The {@code pricebook-heartbeat} thread, stopped before the writer closes (a bean's destroy comes after every stop). */
    @Bean
    AgentLifecycle bookHeartbeat(PriceBookWriter writer, OrderBookProperties properties, MeterRegistry registry) {
        PeriodicAgent heartbeat = BookHeartbeat.agent(writer,
            PeriodicSchedule.every(properties.book().heartbeatInterval(), true));
        return new AgentLifecycle(heartbeat, heartbeat.idleStrategy(), registry, SmartLifecycle.DEFAULT_PHASE);
    }
}
