package io.tradingstack.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built jars and the logs of a system test run are, and free ports to run on. */
final class StackLayout {

    private StackLayout() {
    }

    static Path root() {
        return Path.of(System.getProperty("trading.stack.root", "..")).toAbsolutePath().normalize();
    }

    /** The executable jar {@code spring-boot-maven-plugin} built for a module. */
    static Path executableJar(String module) {
        String version = System.getProperty("trading.stack.version", "0.1.0-SNAPSHOT");
        Path jar = root().resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B verify builds every module "
                    + "before the system tests)");
        }
        return jar;
    }

    static Path logDirectory() {
        return root().resolve("system-tests").resolve("target").resolve("process-logs");
    }

    /** A port nobody listens on now; the small race with other processes is acceptable in tests. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
