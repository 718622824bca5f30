package io.tradingstack.ordermanager.book;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared price book this service reads, and its health. */
@Configuration(proxyBeanMethods = false)
class BookConfiguration {

    @Bean
    EpochNanoClock epochNanoClock() {
        return SystemEpochNanoClock.instance();
    }

    @Bean
    BookPrices bookPrices(PriceBookReaderProperties properties, EpochNanoClock clock, MeterRegistry registry) {
        return new BookPrices(properties, clock, registry);
    }

    /** Named {@code bookHealthIndicator}, so Actuator shows it as the {@code book} component. */
    @Bean
    BookHealthIndicator bookHealthIndicator(BookPrices book, OrderManagerProperties properties) {
        return new BookHealthIndicator(book, properties.validation().symbols());
    }
}
