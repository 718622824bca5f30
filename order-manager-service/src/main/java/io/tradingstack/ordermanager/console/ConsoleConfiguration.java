package io.tradingstack.ordermanager.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.ordermanager.halt.KillSwitch;
import io.tradingstack.ordermanager.position.PositionReport;
import io.tradingstack.ordermanager.store.OrderStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The web console: what it reads of the other services, what it assembles, and the stream that pushes it. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    Clock consoleClock() {
        return Clock.systemUTC();
    }

    @Bean
    LatencyHistory latencyHistory(ConsoleProperties properties) {
        return new LatencyHistory(properties.latencyWindow().toMillis(), properties.latencyPoints());
    }

    @Bean
    ServicePoller servicePoller(ConsoleProperties properties, MeterRegistry registry, LatencyHistory latency,
            JsonMapper json, ObjectProvider<SslBundles> sslBundles) {
        // One client for every poll; no redirects (an Actuator port answers itself or not at all).
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(properties.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
        if (!properties.sslBundle().isEmpty()) {
            // An unknown bundle name stops the start with Spring Boot's NoSuchSslBundleException: a configuration error.
            client.sslContext(sslBundles.getObject().getBundle(properties.sslBundle()).createSslContext());
        }
        HttpClient http = client.build();
        ConsoleProperties.Services services = properties.services();
        List<ServiceProbe> probes = List.of(
            new ServiceProbe(ServiceName.GATEWAY, services.gateway(), http, json, properties.requestTimeout()),
            new ServiceProbe(ServiceName.ORDERBOOK, services.orderbook(), http, json, properties.requestTimeout()),
            new ServiceProbe(ServiceName.STRATEGY, services.strategy(), http, json, properties.requestTimeout()));
        return new ServicePoller(probes, registry, latency, properties.idleAfter().toMillis());
    }

    @Bean
    DeskSnapshots deskSnapshots(PositionReport positions, KillSwitch killSwitch, OrderStore store, BookPrices book,
            OrderManagerProperties orderManager, ServicePoller poller) {
        return new DeskSnapshots(positions, killSwitch, store,
            new OrderManagerHealth(store, book, killSwitch, orderManager.validation().symbols()), poller);
    }

    @Bean
    ConsoleStream consoleStream(DeskSnapshots snapshots, OrderStore store, LatencyHistory latency, JsonMapper json,
            Clock consoleClock, ConsoleProperties properties) {
        return new ConsoleStream(snapshots, store, latency, json, consoleClock, properties.recentOrders(),
            properties.streamTimeout().toMillis());
    }

    @Bean
    ConsoleLoops consoleLoops(ServicePoller poller, ConsoleStream stream, Clock consoleClock, ConsoleProperties properties) {
        return new ConsoleLoops(poller, stream, consoleClock, properties);
    }
}
