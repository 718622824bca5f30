package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.security.TestOperator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order manager started and stopped by a test, on ephemeral ports, over a given journal
 * file and price book: what a restart test needs, which {@code @SpringBootTest}'s one cached
 * context per configuration cannot give. A {@link JournalChannel.Factory}, when given, is
 * registered as a bean, the journal's test seam.
 */
public final class OrderManagerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private OrderManagerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts one and waits until its order server listens; the start-up's failure is thrown as it is. */
    public static OrderManagerInstance start(Path journal, Path book, JournalChannel.Factory channels, String... properties)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--trading.order-manager.server.order-port=0",
            "--trading.pricebook.path=" + book, "--trading.pricebook.staleness=1h",
            "--trading.order-manager.journal.path=" + journal));
        for (String property : properties) {
            args.add("--" + property);
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(OrderManagerApplication.class);
        if (channels != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("testJournalChannels", channels));
        }
        OrderManagerInstance instance = new OrderManagerInstance(builder.run(args.toArray(String[]::new)));
        assertThat(instance.context.getBean(OrderServer.class).awaitListening(Duration.ofSeconds(10))).isTrue();
        return instance;
    }

    public static OrderManagerInstance start(Path journal, Path book, String... properties) throws InterruptedException {
        return start(journal, book, null, properties);
    }

    public OrderTestClient connect() throws IOException {
        return OrderTestClient.connect(context.getBean(OrderServer.class).port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public MeterRegistry registry() {
        return context.getBean(MeterRegistry.class);
    }

    /** GET on its HTTP port as the tests' operator (who sees health details): the status and the body as JSON. */
    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", TestOperator.BASIC).GET());
    }

    /** GET without credentials, as anyone on the host may. */
    public Response getAnonymously(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** GET without credentials, a body that need not be JSON (a page, a script): the body is not parsed. */
    public Response getAnonymouslyText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), json.missingNode(),
            response.headers().firstValue("Content-Type").orElse(""));
    }

    /** Its HTTP port. */
    public int httpPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * POST a JSON body.
     *
     * @param authorization the {@code Authorization} header, or null to send none
     */
    public Response post(String path, String json, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Response(response.statusCode(), body.isEmpty() ? json.missingNode() : json.readTree(body),
            response.headers().firstValue("Content-Type").orElse(""));
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        Response response = get(path);
        assertThat(response.status()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    public record Response(int status, JsonNode body, String contentType) {
    }

    /** Stops it as a SIGTERM would: the engine finishes its queue, the journal is closed. */
    @Override
    public void close() {
        context.close();
    }
}
