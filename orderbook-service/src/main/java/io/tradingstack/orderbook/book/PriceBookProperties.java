package io.tradingstack.orderbook.book;

import io.tradingstack.pricebook.PriceBookDescriptor;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.pricebook.*}: the shared price book this service writes. The strategy and the
 * order manager read the same file with their own copy of these settings.
 *
 * @param path     the book file; default {@code ${java.io.tmpdir}/trading-stack/pricebook.dat}
 * @param capacity symbol slots; a reopened book must have been created with the same capacity
 */
@ConfigurationProperties("trading.pricebook")
@Validated
public record PriceBookProperties(Path path, @Min(1) @Max(PriceBookDescriptor.MAX_CAPACITY) @DefaultValue("256") int capacity) {

    public PriceBookProperties {
        if (path == null) {
            path = Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat");
        }
    }
}
