package io.tradingstack.benchmarks.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service the driver reaches over HTTP: a JVM it started from the service's executable jar
 * (output to a log file), or one already running that it attached to (no process).
 */
public final class ServiceJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String httpBase;
    private final Path log;
    private Process process;

    private ServiceJvm(String name, String httpBase, Path log) {
        this.name = name;
        this.httpBase = httpBase;
        this.log = log;
    }

    /** A service that already runs, at {@code httpBase} (e.g. {@code http://127.0.0.1:8081}). */
    public static ServiceJvm attach(String name, String httpBase) {
        return new ServiceJvm(name, httpBase.endsWith("/") ? httpBase.substring(0, httpBase.length() - 1) : httpBase, null);
    }

    /**
     * Starts {@code jar} as a JVM of its own with {@code javaOptions}, its Actuator on
     * {@code httpPort}, and {@code arguments} ({@code --key=value}); output goes to {@code log}.
     */
    public static ServiceJvm start(String name, Path jar, List<String> javaOptions, int httpPort, List<String> arguments,
            Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -B -DskipTests package)");
        }
        ServiceJvm service = new ServiceJvm(name, "http://127.0.0.1:" + httpPort, log);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + httpPort);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "==== " + String.join(" ", command) + System.lineSeparator());
        service.process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        DriverProcesses.register(service.process);
        return service;
    }

    public String name() {
        return name;
    }

    /** Where its HTTP port answers, e.g. {@code http://127.0.0.1:8081}. */
    public String httpBase() {
        return httpBase;
    }

    /** The process id when the driver started it, else -1. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean started() {
        return process != null;
    }

    /** Where its output goes, or a note that the driver attached to it. */
    public String logLocation() {
        return log == null ? "(attached: see the service's own log)" : log.toString();
    }

    /** Waits until {@code /actuator/health} answers 200. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> response = get("/actuator/health");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + ", last health: " + last + "; see "
            + logLocation());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpBase + path)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException(name + " at " + httpBase + path + ": " + e, e);
        }
    }

    /** The body of a GET that must answer 200. */
    public String getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IOException(name + " answered " + response.statusCode() + " to GET " + path + ": " + response.body());
        }
        return response.body();
    }

    /** A reading of its {@code /actuator/prometheus}. */
    public MetricsScrape scrape() throws IOException, InterruptedException {
        long now = System.nanoTime();
        return MetricsScrape.parse(getOk("/actuator/prometheus"), now);
    }

    /** SIGTERM, SIGKILL after 20 s; nothing of a process the driver started is left. Attached services are left alone. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + (process != null ? " (pid " + process.pid() + ", log " + log + ")" : " (attached, " + httpBase + ")");
    }
}
