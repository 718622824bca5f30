package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.metrics.PrometheusLabels;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.security.TestOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.market.ticks-per-second=50",
        "trading.gateway.news.per-second=5"})
@DirtiesContext
@Timeout(60)
class ActuatorEndpointsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Value("${local.server.port}")
    private int httpPort;

    @Autowired
    private FeedServers servers;

    @BeforeEach
    void waitUntilListening() throws InterruptedException {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldReportTheFeedsComponentUpWithPortsSubscriberCountsAndSession() throws Exception {
        try (FeedTestClient client = FeedTestClient.connect(servers.port(FeedKind.PRICE))) {
            client.send(ReplayRequest.liveOnly());
            client.readData(PriceTick.class, 1);

            JsonNode feeds = get("/actuator/health").path("components").path("feeds");

            assertThat(feeds.path("status").asString()).isEqualTo("UP");
            JsonNode details = feeds.path("details");
            assertThat(details.path("session").asLong()).isEqualTo(servers.session());
            assertThat(details.path("price").path("port").asInt()).isEqualTo(servers.port(FeedKind.PRICE));
            assertThat(details.path("price").path("subscribers").asInt()).isEqualTo(1);
            assertThat(details.path("news").path("port").asInt()).isEqualTo(servers.port(FeedKind.NEWS));
            assertThat(details.path("news").path("subscribers").asInt()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("/actuator/health").path("components").path("feeds").path("details").path("price")
                        .path("subscribers").asInt() == 0);
    }

    @Test
    void shouldPublishTheFeedMetricsInPrometheusFormat() throws Exception {
        String scrape = getText("/actuator/prometheus");

        assertThat(scrape).contains(
                "trading_feed_messages_sent_total{application=\"gateway\",feed=\"price\"}",
                "trading_feed_messages_sent_total{application=\"gateway\",feed=\"news\"}",
                "trading_feed_subscribers{application=\"gateway\",feed=\"price\"}",
                "trading_feed_replays_served_total{application=\"gateway\",feed=\"price\"}",
                "trading_feed_resets_sent_total{application=\"gateway\",feed=\"news\"}",
                "trading_feed_slow_consumers_cut_total{application=\"gateway\",feed=\"price\"}",
                "trading_frames_invalid_total{application=\"gateway\",reason=\"NO_REPLAY\",service=\"gateway\"}",
                "trading_frames_invalid_total{application=\"gateway\",reason=\"MALFORMED_JSON\",service=\"gateway\"}");
    }

    @Test
    void shouldTagEverySampleWithTheApplicationName() throws Exception {
        String scrape = getText("/actuator/prometheus");

        assertThat(PrometheusLabels.samplesWithout(scrape, "application", "gateway")).isEmpty();
    }

    @Test
    void shouldExposeOnlyHealthInfoMetricsAndPrometheus() throws Exception {
        JsonNode links = get("/actuator").path("_links");

        assertThat(links.propertyNames()).containsExactlyInAnyOrder("self", "health", "health-path", "info",
                "metrics", "metrics-requiredMetricName", "prometheus");
        assertThat(status("/actuator/env")).isEqualTo(404);
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(getText(path));
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private int status(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Authorization", TestOperator.BASIC)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
