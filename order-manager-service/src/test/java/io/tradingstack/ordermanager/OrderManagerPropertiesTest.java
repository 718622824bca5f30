package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.FlushPolicy;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.protocol.Prices;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class OrderManagerPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            ValidationAutoConfiguration.class))
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void shouldDefaultToTheSeedPortOnLocalhostAndTheDesignLimits() {
        runner.run(context -> {
            OrderManagerProperties properties = context.getBean(OrderManagerProperties.class);
            assertThat(properties.server().bindAddress()).isEqualTo("127.0.0.1");
            assertThat(properties.server().orderPort()).isEqualTo(8002);
            assertThat(properties.server().maxFrameLength()).isEqualTo(65_536);
            assertThat(properties.server().maxConnections()).isEqualTo(100);
            assertThat(properties.server().readTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.validation().symbols()).containsExactly("AAPL", "MSFT", "GOOGL");
            assertThat(properties.validation().maxQuantity()).isEqualTo(10_000);
            assertThat(properties.validation().collarPpm()).isEqualTo(50_000);
            assertThat(properties.risk().maxPosition()).isEqualTo(50_000);
            assertThat(properties.risk().maxGrossNotionalFixedPoint()).isEqualTo(Prices.parse("10000000"));
            assertThat(properties.risk().maxOrdersPerSecond()).isEqualTo(100);
            assertThat(properties.tokens()).isEmpty();
            assertThat(properties.logonRequired()).isFalse();
            assertThat(properties.journal().path())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "journal", "orders.journal"));
            assertThat(properties.journal().flushPolicy()).isEqualTo(FlushPolicy.BATCH);
            assertThat(properties.journal().orderIdBlock()).isEqualTo(1_000);
            PriceBookReaderProperties book = context.getBean(PriceBookReaderProperties.class);
            assertThat(book.path()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat"));
            assertThat(book.staleness()).isEqualTo(Duration.ofSeconds(1));
            assertThat(book.maxReadAttempts()).isEqualTo(100);
            assertThat(book.openRetryInterval()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void shouldBindTokensPerStrategy() {
        runner.withPropertyValues("trading.order-manager.tokens.momentum-1=s3cret").run(context -> {
            OrderManagerProperties properties = context.getBean(OrderManagerProperties.class);
            assertThat(properties.tokens()).containsEntry("momentum-1", "s3cret");
            assertThat(properties.logonRequired()).isTrue();
        });
    }

    @Test
    void shouldBindTheJournalsPathFlushPolicyAndOrderIdBlock() {
        runner.withPropertyValues("trading.order-manager.journal.path=/var/lib/trading/orders.journal",
            "trading.order-manager.journal.flush-policy=record", "trading.order-manager.journal.order-id-block=64")
            .run(context -> {
                OrderManagerProperties.JournalFile journal = context.getBean(OrderManagerProperties.class).journal();
                assertThat(journal.path()).isEqualTo(Path.of("/var/lib/trading/orders.journal"));
                assertThat(journal.flushPolicy()).isEqualTo(FlushPolicy.RECORD);
                assertThat(journal.orderIdBlock()).isEqualTo(64);
            });
        runner.withPropertyValues("trading.order-manager.journal.flush-policy=SOMETIMES")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("SOMETIMES"));
    }

    @Test
    void shouldRefuseToStartNamingEveryInvalidSetting() {
        runner.withPropertyValues("trading.order-manager.server.bind-address=",
                "trading.order-manager.server.order-port=70000", "trading.order-manager.server.max-connections=0",
                "trading.order-manager.server.read-timeout=0s", "trading.order-manager.validation.symbols=AAPL,AAPL",
                "trading.order-manager.validation.max-quantity=0", "trading.order-manager.validation.collar=0.0000001",
                "trading.order-manager.risk.max-position=0", "trading.order-manager.risk.max-gross-notional=0.000000001",
                "trading.order-manager.risk.max-orders-per-second=0", "trading.order-manager.tokens.alpha=",
                "trading.order-manager.journal.order-id-block=0")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContainingAll("server.bindAddress", "server.orderPort", "server.maxConnections",
                    "server.readTimeout", "validation.symbolsValid", "validation.maxQuantity", "validation.collarPpm",
                    "risk.maxPosition", "risk.maxGrossNotionalFixedPoint", "risk.maxOrdersPerSecond", "tokensValid",
                    "journal.orderIdBlock"));
        runner.withPropertyValues("trading.pricebook.staleness=0s")
            .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("staleness"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OrderManagerProperties.class, PriceBookReaderProperties.class})
    static class PropertiesConfiguration {
    }
}
