package io.tradingstack.ordermanager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the console's Server-Sent Events stream, as a browser's EventSource reads it: each
 * event's name and JSON data, queued as they arrive, for a test to wait on the one it means.
 */
final class ConsoleStreamReader implements AutoCloseable {

    record Event(String name, JsonNode data) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    ConsoleStreamReader(int httpPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/console/stream"))
            .header("Accept", "text/event-stream").GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    HttpResponse<Stream<String>> response() throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    private void read(HttpResponse<Stream<String>> answer) {
        lines = answer.body();
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (name[0] != null && !data.isEmpty()) {
                    events.add(new Event(name[0], JSON.readTree(data.toString())));
                }
                name[0] = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()));
            }
        });
    }

    /** The next event of this name that matches, waiting up to the timeout; fails with what came instead. */
    JsonNode await(String name, Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                Event last = null;
                for (Event e : seen) {
                    if (e.name().equals(name)) {
                        last = e;
                    }
                }
                throw new AssertionError("no matching '" + name + "' event within " + timeout + "; the last one was "
                    + (last == null ? "none" : last.data()));
            }
            seen.add(event);
            if (event.name().equals(name) && matches.test(event.data())) {
                return event.data();
            }
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        response.cancel(true);
    }
}
