package io.tradingstack.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.strategy.signal.MovingAverageSentimentStrategy;
import io.tradingstack.strategy.signal.StrategyDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class StrategyPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            ValidationAutoConfiguration.class))
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void shouldDefaultToTheSeedPortsAndOneReferenceStrategy() {
        runner.run(context -> {
            StrategyProperties properties = context.getBean(StrategyProperties.class);
            assertThat(properties.gateway().host()).isEqualTo("127.0.0.1");
            assertThat(properties.gateway().newsPort()).isEqualTo(8001);
            assertThat(properties.feed().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.feed().maxFrameLength()).isEqualTo(DataSize.ofBytes(65_536));
            assertThat(properties.orderManager().host()).isEqualTo("127.0.0.1");
            assertThat(properties.orderManager().port()).isEqualTo(8002);
            assertThat(properties.orderManager().replyTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.orderManager().expiry()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.sampleInterval()).isEqualTo(Duration.ofMillis(100));
            assertThat(properties.strategies()).containsExactly(StrategyDefinition.reference("momentum-1"));
            StrategyDefinition reference = properties.strategies().get(0);
            assertThat(reference.type()).isEqualTo(MovingAverageSentimentStrategy.TYPE);
            assertThat(reference.symbols()).containsExactly("AAPL", "MSFT", "GOOGL");
            assertThat(reference.shortWindow()).isEqualTo(5);
            assertThat(reference.longWindow()).isEqualTo(20);
            assertThat(reference.sentimentThreshold()).isEqualTo(50);
            assertThat(reference.orderSize()).isEqualTo(100);
            assertThat(properties.symbols()).containsExactly("AAPL", "MSFT", "GOOGL");
            PriceBookReaderProperties book = context.getBean(PriceBookReaderProperties.class);
            assertThat(book.path()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat"));
            assertThat(book.staleness()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void shouldBindSeveralStrategiesWithDefaultsForWhatIsNotSet() {
        runner.withPropertyValues("trading.strategy.strategies[0].id=momentum-1",
                "trading.strategy.strategies[1].id=contrarian-1", "trading.strategy.strategies[1].symbols=MSFT,NVDA",
                "trading.strategy.strategies[1].order-size=50", "trading.strategy.strategies[1].token=s3cret",
                "trading.strategy.strategies[1].parameters.lookback=30")
            .run(context -> {
                StrategyProperties properties = context.getBean(StrategyProperties.class);
                assertThat(properties.strategies()).hasSize(2);
                assertThat(properties.strategies().get(0)).isEqualTo(StrategyDefinition.reference("momentum-1"));
                StrategyDefinition second = properties.strategies().get(1);
                assertThat(second.symbols()).containsExactly("MSFT", "NVDA");
                assertThat(second.orderSize()).isEqualTo(50);
                assertThat(second.longWindow()).isEqualTo(20);
                assertThat(second.token()).isEqualTo("s3cret");
                assertThat(second.toString()).doesNotContain("s3cret");
                assertThat(second.parameters()).isEqualTo(Map.of("lookback", "30"));
                assertThat(properties.symbols()).isEqualTo(List.of("AAPL", "MSFT", "GOOGL", "NVDA"));
            });
    }

    @Test
    void shouldTakeATokenKeptApartFromTheDefinitionsAndNeverShowIt() {
        runner.withPropertyValues("trading.strategy.strategies[0].id=momentum-1",
                "trading.strategy.strategies[1].id=contrarian-1", "trading.strategy.tokens.contrarian-1=from-a-file")
            .run(context -> {
                StrategyProperties properties = context.getBean(StrategyProperties.class);
                assertThat(properties.tokenOf(properties.strategies().get(1))).isEqualTo("from-a-file");
                assertThat(properties.tokenOf(properties.strategies().get(0))).isEmpty();
                assertThat(properties.toString()).contains("contrarian-1").doesNotContain("from-a-file");
            });
    }

    @Test
    void shouldRefuseATokenForAnUnknownStrategyOrATokenGivenTwice() {
        runner.withPropertyValues("trading.strategy.tokens.nobody=s3cret")
            .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("trading.strategy.strategies[0].id=momentum-1",
                "trading.strategy.strategies[0].token=inline", "trading.strategy.tokens.momentum-1=apart")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("tokens must name configured strategies"));
    }

    @Test
    void shouldRefuseToStartNamingEveryInvalidSetting() {
        runner.withPropertyValues("trading.strategy.gateway.news-port=0", "trading.strategy.order-manager.host=",
                "trading.strategy.order-manager.reply-timeout=5s", "trading.strategy.order-manager.expiry=1s",
                "trading.strategy.sample-interval=0s", "trading.strategy.strategies[0].id=has space",
                "trading.strategy.strategies[0].short-window=20", "trading.strategy.strategies[0].sentiment-threshold=101",
                "trading.strategy.strategies[1].id=has space", "trading.strategy.strategies[1].symbols=AA\"PL")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContainingAll("gateway.newsPort", "orderManager.host", "orderManager.expiryAtLeastReplyTimeout",
                    "sampleInterval", "strategies[0].id", "strategies[0].shortWindowBelowLongWindow",
                    "strategies[0].sentimentThreshold", "strategyIdsUnique", "strategies[1].symbols[0]"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StrategyProperties.class, PriceBookReaderProperties.class})
    static class PropertiesConfiguration {
    }
}
