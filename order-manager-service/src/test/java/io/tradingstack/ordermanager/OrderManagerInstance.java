package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.ordermanager.server.OrderServer;
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

    /** GET on its HTTP port: the status and the body as JSON. */
    public Response get(String path) throws IOException, InterruptedException {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), json.readTree(response.body()));
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        Response response = get(path);
        assertThat(response.status()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    public record Response(int status, JsonNode body) {
    }

    /** Stops it as a SIGTERM would: the engine finishes its queue, the journal is closed. */
    @Override
    public void close() {
        context.close();
    }
}
