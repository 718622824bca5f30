package io.tradingstack.benchmarks.driver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each service's heap in use once a second through Actuator
 * ({@code /actuator/metrics/jvm.memory.used?tag=area:heap}) and keeps the highest reading: the
 * "heap used" of the table, which a Prometheus reading at the end of a window would miss.
 */
final class HeapSampler implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ServiceJvm> services;
    private final Map<String, Double> maxHeapBytes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(List<ServiceJvm> services) {
        this.services = List.copyOf(services);
        this.thread = new Thread(this::run, "heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            for (ServiceJvm service : services) {
                try {
                    JsonNode body = JSON.readTree(service.getOk("/actuator/metrics/jvm.memory.used?tag=area:heap"));
                    double used = body.get("measurements").get(0).get("value").asDouble();
                    maxHeapBytes.merge(service.name(), used, Math::max);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a reading lost to a busy service is not a result; the next one counts
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The highest heap in use seen for a service, in bytes; NaN if never read. */
    double maxHeapBytes(String service) {
        return maxHeapBytes.getOrDefault(service, Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
