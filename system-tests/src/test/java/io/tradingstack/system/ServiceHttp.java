package io.tradingstack.system;

import io.tradingstack.metrics.PrometheusScrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A service under test as the tests reach it: over its HTTP port (Actuator and the REST APIs),
 * wherever it runs — a JVM on this host ({@link ServiceProcess}) or a container
 * ({@link ServiceContainer}). Failures name the service and where its log is.
 */
interface ServiceHttp {

    HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A name for failure messages. */
    String name();

    /** Where its output goes, named in failure messages. */
    String logLocation();

    /** Where {@code path} is reached now: {@code http://host:port/path}, or {@code https://} when it serves HTTPS. */
    URI uri(String path);

    /** The client that reaches it: {@link #HTTP}, or one that trusts its HTTPS certificate. */
    default HttpClient http() {
        return HTTP;
    }

    /**
     * GET as the tests' operator (so health shows its details); null when the service does not
     * answer (not started, stopped, or paused).
     */
    default HttpResponse<String> get(String path) {
        try {
            return http().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", SystemTestOperator.BASIC).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * POST a JSON body; null when the service does not answer.
     *
     * @param authorization the {@code Authorization} header, or null for none
     */
    default HttpResponse<String> post(String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The HTTP status of a GET of {@code path}, or -1 when the service does not answer. */
    default int status(String path) {
        HttpResponse<String> response = get(path);
        return response == null ? -1 : response.statusCode();
    }

    /** The body of a GET that must answer 200. */
    default String getOk(String path) {
        HttpResponse<String> response = get(path);
        if (response == null || response.statusCode() != 200) {
            throw new AssertionError(name() + " GET " + path + " answered " + (response == null ? "nothing"
                    : response.statusCode() + " " + response.body()) + "; see " + logLocation());
        }
        return response.body();
    }

    /** Its {@code /actuator/prometheus}, parsed; fails when it does not answer 200. */
    default PrometheusScrape metrics() {
        return PrometheusScrape.parse(getOk("/actuator/prometheus"));
    }
}
