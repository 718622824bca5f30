package io.tradingstack.strategy;

import io.tradingstack.pricebook.PriceBookReaderProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The Strategy: subscribes to the news feed, samples mids from the shared price book, runs the
 * configured strategies on one engine thread and sends their orders to the order manager.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(PriceBookReaderProperties.class) // shared-lib: the reader side of the price book
public class StrategyApplication {

    public static void main(String[] args) {
        SpringApplication.run(StrategyApplication.class, args);
    }
}
