package io.tradingstack.gateway.recording;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CSV recorder, when {@code trading.gateway.recorder.path} is set; the feeds find it as their {@code FeedTap}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "trading.gateway.recorder", name = "path")
class RecordingConfiguration {

    @Bean
    FeedRecorder feedRecorder(GatewayProperties properties, MeterRegistry registry) {
        return new FeedRecorder(properties.recorder().path(), registry);
    }
}
