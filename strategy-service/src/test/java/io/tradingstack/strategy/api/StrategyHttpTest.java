package io.tradingstack.strategy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.api.OpenApiContract;
import io.tradingstack.metrics.PrometheusLabels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strategy's HTTP port as a caller without credentials finds it: an OpenAPI description that
 * matches the controllers, with an example for every answer, Swagger UI, and metrics that all
 * carry {@code application="strategy"}. No gateway, order manager or book is there: the service
 * starts and keeps retrying them, which is all the HTTP side needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trading.strategy.gateway.news-port=1",
    "trading.strategy.order-manager.port=1"})
@Timeout(60)
class StrategyHttpTest {

    @TempDir
    static Path bookDirectory;

    @DynamicPropertySource
    static void bookPath(DynamicPropertyRegistry registry) {
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("pricebook.dat").toString());
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void shouldDescribeEveryMappedOperationAndNothingElse() throws Exception {
        OpenApiContract.assertDescribesExactly(OpenApiContract.ownOperations(mappings), apiDocs());
    }

    @Test
    void shouldGiveAnExampleOfEveryAnswer() throws Exception {
        OpenApiContract.assertEveryResponseHasAnExample(apiDocs());
        OpenApiContract.assertEveryWriteNeedsCredentials(apiDocs());
    }

    @Test
    void shouldServeSwaggerUiWithoutCredentials() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }

    @Test
    void shouldTagEveryMetricWithTheApplicationName() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(PrometheusLabels.samplesWithout(scrape.body(), "application", "strategy")).isEmpty();
    }


    private JsonNode apiDocs() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).as("GET /v3/api-docs without credentials").isEqualTo(200);
        return JsonMapper.builder().build().readTree(docs.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
