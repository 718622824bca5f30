package io.tradingstack.ordermanager;

import io.tradingstack.pricebook.PriceBookReaderProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The OrderManager: the order server on TCP, validation, risk, immediate-or-cancel execution
 * against the shared price book, positions, the journal that holds every order before it is
 * answered, and a read-only REST API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(PriceBookReaderProperties.class) // shared-lib: the reader side of the price book
public class OrderManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderManagerApplication.class, args);
    }
}
