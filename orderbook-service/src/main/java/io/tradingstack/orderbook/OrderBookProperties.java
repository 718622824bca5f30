package io.tradingstack.orderbook;

import io.tradingstack.feed.FeedSubscription;
import io.tradingstack.tls.ClientTlsProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.orderbook.*}: where the price feed is, how the subscriber judges it, and when
 * the book counts as fresh. Validated at start-up; every violation is reported at once.
 *
 * @param gateway the gateway's price feed
 * @param feed    the subscriber's timing and limits
 * @param book    the book's health and header heartbeat
 */
@ConfigurationProperties("trading.orderbook")
@Validated
public record OrderBookProperties(@Valid @DefaultValue Gateway gateway, @Valid @DefaultValue @NestedConfigurationProperty FeedSubscription feed,
        @Valid @DefaultValue Book book) {

    /**
     * @param host      where the gateway listens
     * @param pricePort its price feed port
     * @param tls       TLS to the price feed: the SSL bundle whose trust verifies the gateway
     *                  ({@code bundle}; empty, the default, connects in plaintext)
     */
    public record Gateway(@NotBlank @DefaultValue("127.0.0.1") String host,
            @Min(1) @Max(65_535) @DefaultValue("8000") int pricePort,
            @NotNull @Valid @DefaultValue @NestedConfigurationProperty ClientTlsProperties tls) {
    }

    /**
     * @param freshness         the book is healthy while its newest write is younger than this
     * @param heartbeatInterval how often the writer stamps the book header, so readers can tell it is alive
     */
    public record Book(@NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration freshness,
            @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration heartbeatInterval) {
    }
}
