package io.tradingstack.strategy.market;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.pricebook.*}: the shared price book this service reads (the orderbook writes
 * it, with its own copy of the path).
 *
 * @param path              the book file; default {@code ${java.io.tmpdir}/trading-stack/pricebook.dat}
 * @param staleness         a slot updated longer ago than this is STALE: no strategy trades on it
 * @param maxReadAttempts   seqlock tries before a read reports the slot UNAVAILABLE
 * @param openRetryInterval how often a book that is not there yet is looked for, and how often
 *                          an open book is checked for having been replaced by a new file
 */
@ConfigurationProperties("trading.pricebook")
@Validated
public record PriceBookProperties(Path path,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration staleness,
        @Min(1) @Max(1_000_000) @DefaultValue("100") int maxReadAttempts,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration openRetryInterval) {

    public PriceBookProperties {
        if (path == null) {
            path = Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat");
        }
    }
}
