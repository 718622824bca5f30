package io.tradingstack.pricebook;

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
 * {@code trading.pricebook.*} of a service that reads the shared price book (the strategy, the
 * order manager; the orderbook writes it, with its own copy of the path). One record, so that
 * every reader has the same keys, defaults and validation; a service registers it with
 * {@code @EnableConfigurationProperties(PriceBookReaderProperties.class)}.
 *
 * @param path              the book file; default {@code ${java.io.tmpdir}/trading-stack/pricebook.dat}
 * @param staleness         a price written longer ago than this is STALE: no strategy trades on it
 *                          and no order is filled on it
 * @param maxReadAttempts   seqlock tries before a slot read gives up as UNAVAILABLE
 * @param openRetryInterval while the file is missing (the orderbook has not started) or not yet
 *                          a compatible book, opening is retried this often in the background;
 *                          once open, the file is checked as often for having been replaced
 */
@ConfigurationProperties("trading.pricebook")
@Validated
public record PriceBookReaderProperties(Path path,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration staleness,
        @Min(1) @Max(1_000_000) @DefaultValue("100") int maxReadAttempts,
        @NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration openRetryInterval) {

    public PriceBookReaderProperties {
        if (path == null) {
            path = Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat");
        }
    }
}
