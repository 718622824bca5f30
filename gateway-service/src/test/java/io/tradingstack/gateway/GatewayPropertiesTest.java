package io.tradingstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class GatewayPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void shouldDefaultToTheOriginalAssignmentOnLocalhost() {
        runner.run(context -> {
            GatewayProperties properties = context.getBean(GatewayProperties.class);

            assertThat(properties.source()).isEqualTo(GatewayProperties.Source.SIMULATION);
            assertThat(properties.feeds().bindAddress()).isEqualTo("127.0.0.1");
            assertThat(properties.feeds().pricePort()).isEqualTo(8000);
            assertThat(properties.feeds().newsPort()).isEqualTo(8001);
            assertThat(properties.feeds().replayTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.feeds().readTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.feeds().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.feeds().ringSize()).isEqualTo(10_000);
            assertThat(properties.feeds().maxQueuedBytes()).isEqualTo(DataSize.ofMegabytes(32));
            assertThat(properties.market().symbols()).containsExactly("AAPL", "MSFT", "GOOGL");
            assertThat(properties.market().ticksPerSecond()).isEqualTo(100);
            assertThat(properties.market().tickSize()).isEqualByComparingTo("0.01");
            assertThat(properties.news().perSecond()).isEqualTo(2);
            assertThat(properties.recorder().enabled()).isFalse();
            assertThat(properties.replay().path()).isNull();
        });
    }

    @Test
    void shouldBindPerSymbolStartPricesAndFallBackToTheDefault() {
        runner.withPropertyValues("trading.gateway.market.initial-prices.AAPL=190.00").run(context -> {
            GatewayProperties.Market market = context.getBean(GatewayProperties.class).market();

            assertThat(market.initialPrice("AAPL")).isEqualByComparingTo("190");
            assertThat(market.initialPrice("MSFT")).isEqualByComparingTo(new BigDecimal("100"));
        });
    }

    @Test
    void shouldReportEveryInvalidValueAtStartUp() {
        runner.withPropertyValues(
                "trading.gateway.source=replay",
                "trading.gateway.feeds.ring-size=0",
                "trading.gateway.feeds.price-port=70000",
                "trading.gateway.feeds.heartbeat-interval=0s",
                "trading.gateway.feeds.read-timeout=0s",
                "trading.gateway.feeds.max-queued-bytes=0B",
                "trading.gateway.market.symbols=AAPL,BAD SYMBOL",
                "trading.gateway.market.ticks-per-second=-1",
                "trading.gateway.market.tick-size=0.000000001").run(context -> {
                    assertThat(context).hasFailed();
                    String message = rootMessage(context.getStartupFailure());
                    for (String field : List.of("replayPathSetWhenReplaying", "feeds.ringSize", "feeds.pricePort",
                            "feeds.heartbeatInterval", "feeds.readTimeout", "feeds.queueLimitsPositive", "market.symbolsValid",
                            "market.ticksPerSecond", "market.pricesFixedPoint")) {
                        assertThat(message).contains(field);
                    }
                });
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class PropertiesOnly {
    }
}
