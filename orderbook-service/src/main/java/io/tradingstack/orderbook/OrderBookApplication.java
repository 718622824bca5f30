package io.tradingstack.orderbook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OrderBook: subscribes to the price feed and is the single writer of the shared price book. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderBookApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderBookApplication.class, args);
    }
}
