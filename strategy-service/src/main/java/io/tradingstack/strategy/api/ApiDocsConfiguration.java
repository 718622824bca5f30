package io.tradingstack.strategy.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title of the strategy's OpenAPI description ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}); springdoc derives the paths from the controllers and their
 * annotations, once, on the first request for it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI strategyOpenApi() {
        return new OpenAPI().info(new Info()
            .title("trading-stack strategy")
            .version("v1")
            .description("Read-only view of the running strategies: positions from fills, orders by outcome, the last"
                + " signal and order. Errors are RFC 9457 problem details (application/problem+json)."));
    }
}
