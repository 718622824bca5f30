package io.tradingstack.strategy.market;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.strategy.StrategyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock, and the sampler that reads the traded symbols' mids from the shared price book. */
@Configuration(proxyBeanMethods = false)
class MarketConfiguration {

    @Bean
    EpochNanoClock epochNanoClock() {
        return SystemEpochNanoClock.instance();
    }

    /** Owned by the engine thread; the book is looked for from the first sample on. */
    @Bean
    BookSampler bookSampler(PriceBookReaderProperties book, StrategyProperties properties, EpochNanoClock clock) {
        return new BookSampler(book, properties.symbols(), clock);
    }
}
