package io.tradingstack.orderbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.orderbook.book.PriceBookProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class OrderBookPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            ValidationAutoConfiguration.class))
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void shouldDefaultToTheSeedPortsAndDesignTimings() {
        runner.run(context -> {
            OrderBookProperties properties = context.getBean(OrderBookProperties.class);
            assertThat(properties.gateway().host()).isEqualTo("127.0.0.1");
            assertThat(properties.gateway().pricePort()).isEqualTo(8000);
            assertThat(properties.feed().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.feed().deadAfterHeartbeats()).isEqualTo(3);
            assertThat(properties.feed().backoffInitial()).isEqualTo(Duration.ofMillis(100));
            assertThat(properties.feed().backoffMax()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.feed().maxFrameLength()).isEqualTo(DataSize.ofBytes(65_536));
            assertThat(properties.feed().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.book().freshness()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.book().heartbeatInterval()).isEqualTo(Duration.ofMillis(100));
            PriceBookProperties book = context.getBean(PriceBookProperties.class);
            assertThat(book.path()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat"));
            assertThat(book.capacity()).isEqualTo(256);
        });
    }

    @Test
    void shouldRefuseToStartNamingEveryInvalidSetting() {
        runner.withPropertyValues("trading.orderbook.gateway.host=", "trading.orderbook.gateway.price-port=0",
                "trading.orderbook.feed.heartbeat-interval=0s", "trading.orderbook.feed.backoff-initial=2s",
                "trading.orderbook.feed.backoff-max=1s", "trading.orderbook.feed.max-frame-length=0B",
                "trading.orderbook.book.freshness=0s")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContainingAll("gateway.host", "gateway.pricePort", "feed.heartbeatInterval",
                    "feed.backoffMaxAtLeastInitial", "feed.maxFrameLengthInRange", "book.freshness"));
        // The book's own settings on their own: when both fail, which failure the context reports
        // first depends on the order the two beans are bound in.
        runner.withPropertyValues("trading.pricebook.capacity=0")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("capacity"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OrderBookProperties.class, PriceBookProperties.class})
    static class PropertiesConfiguration {
    }
}
