package io.tradingstack.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service of the stack, run from its executable jar as a separate JVM, as a user runs it.
 * Its output goes to a log file under {@code system-tests/target/process-logs}, named in every
 * failure message so that a red build says where to look.
 */
final class ServiceProcess implements ServiceHttp, AutoCloseable {


    private final String name;
    private final Path jar;
    private final List<String> commandPrefix;
    private final List<String> arguments;
    private final String httpHost;
    private final int httpPort;
    private final Path log;
    private Process process;
    private int starts;
    private HttpClient https; // null: plain HTTP

    /**
     * @param module    the Maven module whose executable jar to run, e.g. {@code gateway-service}
     * @param httpPort  the service's HTTP (Actuator) port, passed as {@code --server.port}
     * @param arguments further {@code --key=value} arguments
     */
    ServiceProcess(String name, String module, int httpPort, List<String> arguments) {
        this(name, module, List.of(), "127.0.0.1", httpPort, arguments);
    }

    /**
     * A service started through a wrapper command, e.g. {@code ip netns exec <namespace>}, whose
     * HTTP port is reached at {@code httpHost}. The wrapper must exec the JVM in place (as
     * {@code ip netns exec} does), so that the process's pid is the JVM's and signals reach it.
     *
     * @param commandPrefix what runs before {@code java ...}
     * @param httpHost      where the test reaches the service's HTTP port (its {@code --server.address})
     */
    ServiceProcess(String name, String module, List<String> commandPrefix, String httpHost, int httpPort,
            List<String> arguments) {
        this.name = name;
        this.jar = StackLayout.executableJar(module);
        this.commandPrefix = List.copyOf(commandPrefix);
        this.httpHost = httpHost;
        this.httpPort = httpPort;
        this.arguments = List.copyOf(arguments);
        this.log = StackLayout.logDirectory().resolve(name + ".log");
    }

    @Override
    public URI uri(String path) {
        return URI.create((https == null ? "http://" : "https://") + httpHost + ":" + httpPort + path);
    }

    /** Its HTTP port serves HTTPS ({@code server.ssl.bundle}): reached with {@code client}, which trusts its certificate. */
    ServiceProcess https(HttpClient client) {
        this.https = client;
        return this;
    }

    @Override
    public HttpClient http() {
        return https == null ? ServiceHttp.super.http() : https;
    }

    @Override
    public String logLocation() {
        return log.toString();
    }

    @Override
    public String name() {
        return name;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the JVM; a restart appends to the same log, marked. */
    ServiceProcess start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running, pid " + process.pid());
        }
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; these tests measure behaviour, not speed
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + httpPort);
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        String header = "==== start " + (++starts) + ": " + String.join(" ", command) + System.lineSeparator();
        if (starts == 1) {
            Files.writeString(log, header);
        } else {
            Files.writeString(log, header, StandardOpenOption.APPEND);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(SystemTestOperator.ENVIRONMENT_VARIABLE, SystemTestOperator.PASSWORD);
        process = builder.start();
        return this;
    }

    /** Waits until {@code /actuator/health} answers 200 (UP). */
    ServiceProcess awaitHealthy(Duration timeout) {
        return awaitHealthy(timeout, "/actuator/health");
    }

    /**
     * Waits until a health path answers 200 (UP): {@code /actuator/health/feed} for one
     * component, when another component is expected to stay DOWN in the test.
     */
    ServiceProcess awaitHealthy(Duration timeout, String healthPath) {
        Deadline deadline = new Deadline(timeout);
        String last = "no answer";
        while (!deadline.passed()) {
            if (!isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was healthy; see " + log);
            }
            HttpResponse<String> response = get(healthPath);
            if (response != null) {
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return this;
                }
            }
            deadline.pause(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " not healthy within " + timeout + " (" + healthPath + "), last health: " + last
                + "; see " + log);
    }





    /** kill -9: the process gets no chance to clean up. */
    void kill() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP: the process freezes with its sockets open. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM, then SIGKILL if it does not stop within 15 s; the process is gone afterwards. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)") + ", log " + log;
    }
}
