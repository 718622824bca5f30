package io.tradingstack.ordermanager.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The console's settings: defaults that reach ./stack up on this host, environment overrides, every violation reported. */
class ConsolePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            ValidationAutoConfiguration.class))
        .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void shouldDefaultToTheServicesOfTheStackOnThisHost() {
        runner.run(context -> {
            ConsoleProperties properties = context.getBean(ConsoleProperties.class);
            assertThat(properties.services().gateway()).isEqualTo(URI.create("http://127.0.0.1:8080"));
            assertThat(properties.services().orderbook()).isEqualTo(URI.create("http://127.0.0.1:8081"));
            assertThat(properties.services().strategy()).isEqualTo(URI.create("http://127.0.0.1:8082"));
            assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.snapshotInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.latencyPoints()).as("5 min of 2 s points").isEqualTo(150);
            assertThat(properties.sslBundle()).isEmpty();
        });
    }

    @Test
    void shouldTakeTheServicesFromTheEnvironmentAsComposeSetsThem() {
        Map<String, Object> environment = Map.of("TRADING_ORDERMANAGER_CONSOLE_SERVICES_GATEWAY", "https://gateway:8080",
            "TRADING_ORDERMANAGER_CONSOLE_SSLBUNDLE", "stack");
        // Named as Spring Boot names the process environment, so its keys map as env variables do.
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
            .run(context -> {
                ConsoleProperties properties = context.getBean(ConsoleProperties.class);
                assertThat(properties.services().gateway()).isEqualTo(URI.create("https://gateway:8080"));
                assertThat(properties.sslBundle()).isEqualTo("stack");
            });
    }

    @Test
    void shouldRefuseAServiceThatIsNoHttpUrlAndATooShortPollInOneReport() {
        runner.withPropertyValues("trading.order-manager.console.services.orderbook=ftp://orderbook",
                "trading.order-manager.console.poll-interval=10ms")
            .run(context -> {
                assertThat(context).hasFailed();
                String failure = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()).getMessage();
                assertThat(failure).contains("http:// or https:// URLs").contains("pollInterval");
            });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsoleProperties.class)
    static class PropertiesConfiguration {
    }
}
