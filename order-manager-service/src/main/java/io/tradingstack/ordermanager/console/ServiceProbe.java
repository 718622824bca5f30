package io.tradingstack.ordermanager.console;

import io.tradingstack.metrics.PrometheusScrape;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one other service's anonymous {@code /actuator/health} (status and component statuses;
 * a DOWN service answers 503 with the same body) and {@code /actuator/prometheus}. A service that
 * does not answer is DOWN with the reason. The log gets one line when a service's state changes,
 * never one per poll: a stopped gateway must not fill the order manager's log every two seconds.
 * Only the poller's thread calls {@link #poll}.
 */
final class ServiceProbe {

    private static final Logger log = LoggerFactory.getLogger(ServiceProbe.class);

    /** A gauge worth a figure on the page: its label, the tag whose value completes the label, its unit. */
    private record FigureSource(String metric, String label, String tag, String unit) {
    }

    private static final List<FigureSource> FIGURES = List.of(
        new FigureSource("trading_feed_subscribers", "subscribers", "feed", "count"),
        new FigureSource("trading_book_age_seconds", "book age", "symbol", "s"),
        new FigureSource("trading_strategy_orders_in_doubt", "orders in doubt", "strategy", "count"));

    private final ServiceName service;
    private final URI base;
    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private String loggedState;

    ServiceProbe(ServiceName service, URI base, HttpClient http, JsonMapper json, Duration timeout) {
        this.service = service;
        this.base = base;
        this.http = http;
        this.json = json;
        this.timeout = timeout;
    }

    ServiceName service() {
        return service;
    }

    String url() {
        return base.toString();
    }

    /** What was read: the service's health, and its metrics (none when it did not answer). */
    record Reading(ServiceHealth health, PrometheusScrape metrics) {
    }

    Reading poll(long nowMillis) {
        Reading reading;
        try {
            HttpResponse<String> health = get("/actuator/health");
            PrometheusScrape metrics = PrometheusScrape.empty();
            HttpResponse<String> prometheus = get("/actuator/prometheus");
            if (prometheus.statusCode() == 200) {
                metrics = PrometheusScrape.parse(prometheus.body(), "trading_");
            }
            reading = new Reading(fromHealth(health, metrics, nowMillis), metrics);
        } catch (HttpConnectTimeoutException e) {
            reading = down("unreachable: no connection within " + timeout.toMillis() + " ms", nowMillis);
        } catch (HttpTimeoutException e) {
            reading = down("no answer within " + timeout.toMillis() + " ms", nowMillis);
        } catch (ConnectException e) {
            reading = down("unreachable: connection refused", nowMillis);
        } catch (IOException e) {
            reading = down("unreachable: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                nowMillis);
        } catch (InterruptedException e) {
            // The order manager is stopping: nothing to show or log.
            Thread.currentThread().interrupt();
            return down("console stopping", nowMillis);
        }
        logIfChanged(reading.health());
        return reading;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private ServiceHealth fromHealth(HttpResponse<String> response, PrometheusScrape metrics, long nowMillis) {
        Map<String, String> components = new LinkedHashMap<>();
        String status;
        try {
            JsonNode body = json.readTree(response.body());
            status = body.path("status").asString("UNKNOWN");
            body.path("components").properties()
                .forEach(component -> components.put(component.getKey(), component.getValue().path("status").asString("UNKNOWN")));
        } catch (JacksonException e) {
            status = ServiceHealth.DOWN;
        }
        String reason = null;
        if (!ServiceHealth.UP.equals(status)) {
            List<String> down = components.entrySet().stream()
                .filter(component -> !ServiceHealth.UP.equals(component.getValue())).map(Map.Entry::getKey).toList();
            reason = "health " + status + " (HTTP " + response.statusCode() + ")"
                + (down.isEmpty() ? "" : ": " + String.join(", ", down) + " not UP");
            status = ServiceHealth.DOWN;
        }
        return new ServiceHealth(service.id(), base.toString(), status, reason, components, figures(metrics), nowMillis);
    }

    private Reading down(String reason, long nowMillis) {
        return new Reading(new ServiceHealth(service.id(), base.toString(), ServiceHealth.DOWN, reason, Map.of(), List.of(),
            nowMillis), PrometheusScrape.empty());
    }

    private static List<ServiceHealth.Figure> figures(PrometheusScrape metrics) {
        List<ServiceHealth.Figure> figures = new ArrayList<>();
        for (FigureSource source : FIGURES) {
            for (PrometheusScrape.Sample sample : metrics.samples(source.metric())) {
                String tag = sample.labels().get(source.tag());
                figures.add(new ServiceHealth.Figure(source.label() + (tag == null ? "" : " " + tag),
                    Double.isFinite(sample.value()) ? sample.value() : null, source.unit()));
            }
        }
        return figures;
    }

    /** One line per change of state, at WARN when a service goes DOWN: the operator's page shows the rest. */
    private void logIfChanged(ServiceHealth health) {
        String state = health.status() + (health.reason() == null ? "" : ": " + health.reason());
        if (Objects.equals(state, loggedState)) {
            return;
        }
        if (health.isUp()) {
            log.info("Console: {} at {} is UP", service.id(), base);
        } else {
            log.warn("Console: {} at {} is DOWN, {}", service.id(), base, health.reason());
        }
        loggedState = state;
    }
}
