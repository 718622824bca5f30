package io.tradingstack.benchmarks.driver;

import static io.tradingstack.benchmarks.driver.MarkdownTable.count;
import static io.tradingstack.benchmarks.driver.MarkdownTable.decimal;

import java.util.List;

/** The per-service resource table every scenario prints. */
final class ResourcesTable {

    private ResourcesTable() {
    }

    /** One row per service; {@code perTickService} gets its allocation per price tick. */
    static String of(List<ServiceResources> resources, String perTickService, double allocatedPerTick) {
        MarkdownTable table = new MarkdownTable("service", "CPU (cores)", "heap used, max MiB", "heap limit MiB", "GC pauses",
            "GC total ms", "GC max ms", "allocated MiB/s", "allocated per price tick");
        for (ServiceResources r : resources) {
            table.row(r.service(), decimal(r.cpuCores(), 2), decimal(r.maxHeapUsedMiB(), 0), decimal(r.heapLimitMiB(), 0),
                r.gcPauses(), decimal(r.gcPauseTotalMs(), 1), decimal(r.gcPauseMaxMs(), 1),
                decimal(r.allocatedBytes() / r.windowSeconds() / (1024 * 1024), 1),
                r.service().equals(perTickService) ? count(allocatedPerTick) + " B" : "–");
        }
        return table.toString();
    }
}
