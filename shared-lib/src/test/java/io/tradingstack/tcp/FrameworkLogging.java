package io.tradingstack.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.support.management.IntegrationInboundManagement;
import org.springframework.integration.support.management.IntegrationManagement;

/**
 * For a service's test: no Spring Integration component of its context logs per message. The
 * services turn that logging off ({@code spring.integration.management.default-logging-enabled}
 * in their {@code application.yml}) because commons-logging's SLF4J bridge formats each DEBUG
 * line before it checks the level.
 */
public final class FrameworkLogging {

    private FrameworkLogging() {
    }

    /**
     * @param components component names (an endpoint's id names its handler too) that must be
     *                   among those checked, so that the check covers the service's own flows
     */
    public static void assertOffInEveryComponent(ApplicationContext context, String... components) {
        Map<String, Boolean> logging = context.getBeansOfType(IntegrationManagement.class).entrySet().stream()
            // An inbound endpoint logs nothing per message; it keeps the interface's default (true) whatever is set.
            .filter(entry -> !(entry.getValue() instanceof IntegrationInboundManagement))
            .collect(Collectors.toMap(entry -> name(entry.getKey(), entry.getValue()),
                entry -> entry.getValue().isLoggingEnabled(), (a, b) -> a || b));
        assertThat(logging).as("Spring Integration components").containsKeys(components);
        assertThat(logging).as("per-message logging of each component").doesNotContainValue(true);
    }

    private static String name(String beanName, IntegrationManagement component) {
        String name = component.getComponentName();
        return name == null ? beanName : name;
    }
}
