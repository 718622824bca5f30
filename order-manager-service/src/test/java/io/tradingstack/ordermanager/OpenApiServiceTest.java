package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.api.OpenApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description of the running service, as a caller without credentials reads it: it
 * matches the controllers both ways, has an example of every answer, and the kill switch's
 * writes name the operator's HTTP basic scheme. Swagger UI is served to anyone too.
 */
class OpenApiServiceTest extends OrderManagerServiceTest {

    private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void shouldDescribeEveryMappedOperationAndNothingElse() throws Exception {
        OpenApiContract.assertDescribesExactly(OpenApiContract.ownOperations(mappings), apiDocs());
    }

    @Test
    void shouldGiveAnExampleOfEveryAnswerAndNeedAnOperatorForEveryWrite() throws Exception {
        JsonNode docs = apiDocs();

        OpenApiContract.assertEveryResponseHasAnExample(docs);
        OpenApiContract.assertEveryWriteNeedsCredentials(docs);
        JsonNode operator = docs.path("components").path("securitySchemes").path("operator");
        assertThat(operator.path("type").asString()).isEqualTo("http");
        assertThat(operator.path("scheme").asString()).isEqualTo("basic");
        assertThat(docs.path("paths").path("/api/trading/halt").path("post").path("responses").propertyNames())
            .contains("200", "400", "401", "503");
    }

    @Test
    void shouldServeSwaggerUiWithoutCredentials() throws Exception {
        HttpResponse<String> ui = getAnonymously("/swagger-ui.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }


    private JsonNode apiDocs() throws Exception {
        HttpResponse<String> docs = getAnonymously("/v3/api-docs");
        assertThat(docs.statusCode()).as("GET /v3/api-docs without credentials").isEqualTo(200);
        return json.readTree(docs.body());
    }

    private HttpResponse<String> getAnonymously(String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
