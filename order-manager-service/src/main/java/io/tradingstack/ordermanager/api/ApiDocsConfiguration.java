package io.tradingstack.ordermanager.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and the security scheme of the order manager's OpenAPI description
 * ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}); springdoc derives the paths from
 * the controllers and their annotations, once, on the first request for it. Reads are open; every
 * write (the kill switch) names the {@value #OPERATOR} scheme: an operator's HTTP basic credentials
 * ({@code trading.security.operators}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String OPERATOR = "operator";

    @Bean
    OpenAPI orderManagerOpenApi() {
        return new OpenAPI()
            .info(new Info()
                .title("trading-stack order manager")
                .version("v1")
                .description("Orders, positions and the kill switch. Reads need nothing; writes need an operator's"
                    + " HTTP basic credentials. Errors are RFC 9457 problem details (application/problem+json)."))
            .components(new Components().addSecuritySchemes(OPERATOR, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description("an operator of trading.security.operators, checked in constant time")));
    }
}
