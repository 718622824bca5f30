package io.tradingstack.system;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * One service of the stack as a Docker container of the image the project's {@code Dockerfile}
 * builds from the service's executable jar ({@code JAR_SOURCE=prebuilt}), reached only through its published ports, as a user
 * of the images reaches it. A restart stops and starts the same container (its volumes and
 * network alias stay; its published host ports may change, so they are looked up again).
 * The container's output goes to {@code system-tests/target/process-logs/container-<name>.log}
 * when it is closed.
 */
final class ServiceContainer implements ServiceHttp, AutoCloseable {

    /** The base image for real users; CI passes a local one in {@code TRADING_STACK_BASE_IMAGE}. */
    static final String PUBLIC_BASE_IMAGE = "eclipse-temurin:17-jre";
    static final String BASE_IMAGE_VARIABLE = "TRADING_STACK_BASE_IMAGE";

    private static final Map<String, Future<String>> IMAGES = new ConcurrentHashMap<>();

    /** The Maven wrapper and the reactor's poms, which the Dockerfile's build stage copies first. */
    private static final List<String> BUILD_STAGE_FILES = List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties",
            "pom.xml", "shared-lib/pom.xml", "gateway-service/pom.xml", "orderbook-service/pom.xml",
            "strategy-service/pom.xml", "order-manager-service/pom.xml", "benchmarks/pom.xml", "system-tests/pom.xml");

    private final String name;
    private final int httpPort;
    private final GenericContainer<?> container;
    private final Path log;
    private Ports published;

    /**
     * @param name     the network alias, e.g. {@code gateway}: the other services reach it by this name
     * @param module   the Maven module whose jar the image holds, e.g. {@code gateway-service}
     * @param httpPort the service's HTTP (Actuator) port inside the container
     * @param tcpPorts further ports to publish (feeds, orders)
     * @param volumes  Docker volume name to mount point
     */
    ServiceContainer(String name, String module, int httpPort, List<Integer> tcpPorts, Network network,
            Map<String, String> environment, Map<String, String> volumes) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = StackLayout.logDirectory().resolve("container-" + name + ".log");
        List<Integer> ports = new ArrayList<>(tcpPorts);
        ports.add(httpPort);
        List<Bind> binds = volumes.entrySet().stream()
                .map(volume -> new Bind(volume.getKey(), new Volume(volume.getValue()))).toList();
        this.container = new GenericContainer<>(image(module))
                .withNetwork(network)
                .withNetworkAliases(name)
                .withExposedPorts(ports.toArray(Integer[]::new))
                .withEnv("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                .withEnv(environment)
                .withEnv(SystemTestOperator.ENVIRONMENT_VARIABLE, SystemTestOperator.PASSWORD)
                .withCreateContainerCmdModifier(command -> command.getHostConfig().withBinds(binds))
                // The image's own HEALTHCHECK (docker/healthcheck): GET /actuator/health answers 200.
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(150)));
    }

    /** The image of a module, built once per test run from the Dockerfile at the project's root. */
    static Future<String> image(String module) {
        return IMAGES.computeIfAbsent(module, key -> {
            String version = System.getProperty("trading.stack.version", "0.1.0-SNAPSHOT");
            Path jar = StackLayout.executableJar(key);
            ImageFromDockerfile image = new ImageFromDockerfile("trading-stack/" + key.replace("-service", "") + ":it", false)
                    .withFileFromPath("Dockerfile", StackLayout.root().resolve("Dockerfile"))
                    .withFileFromPath("docker/healthcheck", StackLayout.root().resolve("docker/healthcheck"))
                    .withFileFromPath(key + "/target/" + jar.getFileName(), jar)
                    // The jar this build made, unpacked in a build stage on the base image: no JDK
                    // image and no Maven Central needed, as in CI.
                    .withBuildArg("JAR_SOURCE", "prebuilt")
                    .withBuildArg("BUILD_IMAGE", baseImage())
                    .withBuildArg("BASE_IMAGE", baseImage())
                    .withBuildArg("SERVICE", key)
                    .withBuildArg("VERSION", version);
            // What the build stage copies before it looks at JAR_SOURCE; small files, no sources.
            for (String file : BUILD_STAGE_FILES) {
                image.withFileFromPath(file, StackLayout.root().resolve(file));
            }
            return image;
        });
    }

    static String baseImage() {
        String configured = System.getProperty(BASE_IMAGE_VARIABLE, System.getenv(BASE_IMAGE_VARIABLE));
        return configured == null || configured.isBlank() ? PUBLIC_BASE_IMAGE : configured;
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://" + container.getHost() + ":" + publishedPort(httpPort) + path);
    }

    @Override
    public String logLocation() {
        return log.toString();
    }

    @Override
    public String name() {
        return name;
    }

    /** The container to start (it waits for the image's health check); stop it with {@link #close()}. */
    GenericContainer<?> container() {
        return container;
    }

    /** docker stop: SIGTERM, SIGKILL after 20 s; the container, its volumes and its alias stay. */
    void stop() {
        docker().stopContainerCmd(container.getContainerId()).withTimeout(20).exec();
        published = null;
    }

    /** docker start of the stopped container; waits until {@code /actuator/health} answers 200. */
    void startAgain(Duration timeout) {
        docker().startContainerCmd(container.getContainerId()).exec();
        awaitHealthy(timeout);
    }

    /** docker pause: every process of the container freezes with its sockets open. */
    void pause() {
        docker().pauseContainerCmd(container.getContainerId()).exec();
    }

    void unpause() {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    void awaitHealthy(Duration timeout) {
        Deadline deadline = new Deadline(timeout);
        String last = "no answer";
        while (!deadline.passed()) {
            if (!Boolean.TRUE.equals(inspect().getState().getRunning())) {
                throw new AssertionError(name + " exited before it was healthy: " + inspect().getState() + "; see " + log);
            }
            HttpResponse<String> response = get("/actuator/health");
            if (response != null) {
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return;
                }
            }
            deadline.pause(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " not healthy within " + timeout + ", last health: " + last + "; see " + log);
    }

    /** The host port a container port is published on now (it may change with a restart). */
    int publishedPort(int containerPort) {
        if (published == null) {
            published = inspect().getNetworkSettings().getPorts();
        }
        Ports.Binding[] bindings = published.getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(name + ": port " + containerPort + " is not published: " + published);
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }




    private InspectContainerResponse inspect() {
        return docker().inspectContainerCmd(container.getContainerId()).exec();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /** Keeps the container's output (every start of it) in the log file, then removes the container. */
    @Override
    public void close() throws IOException {
        if (container.getContainerId() != null) {
            Files.createDirectories(log.getParent());
            Files.writeString(log, container.getLogs());
        }
        container.stop();
    }

    @Override
    public String toString() {
        return name + " (" + container.getDockerImageName() + "), log " + log;
    }
}
