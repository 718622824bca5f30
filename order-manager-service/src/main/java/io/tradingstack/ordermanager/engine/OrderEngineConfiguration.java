package io.tradingstack.ordermanager.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.ordermanager.position.PositionReport;
import io.tradingstack.ordermanager.risk.RiskCheck;
import io.tradingstack.ordermanager.risk.RiskLimits;
import io.tradingstack.ordermanager.store.OrderStore;
import io.tradingstack.ordermanager.validation.OrderValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order engine, the entry through which the connections' threads decide in turn, and the
 * positions the engine owns; the order store it writes is the journal's ({@code JournalConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class OrderEngineConfiguration {

    @Bean
    PositionBook positionBook(OrderManagerProperties properties, MeterRegistry registry) {
        PositionBook positions = new PositionBook();
        for (String symbol : properties.validation().symbols()) {
            Gauge.builder(TradingMetric.POSITION.metricName(), positions, p -> p.published().netQuantity(symbol))
                .description(TradingMetric.POSITION.description())
                .tag(TradingMetric.Tags.SYMBOL, symbol)
                .strongReference(true)
                .register(registry);
        }
        return positions;
    }

    @Bean
    PositionReport positionReport(PositionBook positions, BookPrices book) {
        return new PositionReport(positions, book);
    }

    @Bean
    OrderEntry orderEntry(OrderManagerProperties properties, OrderStore store, PositionBook positions, BookPrices book,
            EpochNanoClock clock, MeterRegistry registry) {
        OrderManagerProperties.Validation validation = properties.validation();
        OrderManagerProperties.Risk risk = properties.risk();
        OrderValidator validator = new OrderValidator(validation.symbols(), validation.maxQuantity(), validation.collarPpm());
        RiskCheck riskCheck = new RiskCheck(
            new RiskLimits(risk.maxPosition(), risk.maxGrossNotionalFixedPoint(), risk.maxOrdersPerSecond()));
        return new OrderEntry(
            new OrderEngine(store, positions, validator, riskCheck, book, clock, properties.journal().orderIdBlock()),
            properties.server().answerWriteTimeout(), registry);
    }

    @Bean
    OrderEvents orderEvents(MeterRegistry registry) {
        return new OrderEvents(registry);
    }
}
