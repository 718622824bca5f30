package io.tradingstack.ordermanager.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;

/** JSON of the REST API: money is written as a plain decimal number (0.00000001, never 1E-8). */
@Configuration(proxyBeanMethods = false)
class ApiJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
