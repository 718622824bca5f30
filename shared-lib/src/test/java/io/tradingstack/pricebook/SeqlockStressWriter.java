package io.tradingstack.pricebook;

import io.tradingstack.clock.SystemEpochNanoClock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The writer process of {@link PriceBookSeqlockStressTest}: registers {@code slots} symbols,
 * then updates every slot once per round, round counter = feed sequence, until its stdin
 * reaches end of file (the test closes it, or died) or {@code maxRunMillis} passes. Prints
 * {@code rounds=N} and exits 0.
 *
 * <p>Arguments: {@code path slots maxRunMillis}.
 */
public final class SeqlockStressWriter {

    private static volatile boolean stop;

    private SeqlockStressWriter() {
    }

    public static void main(String[] args) {
        final Path path = Path.of(args[0]);
        final int slots = Integer.parseInt(args[1]);
        final long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
        startStdinWatcher();

        final PriceBookWriter writer = PriceBookWriter.open(path, slots, SystemEpochNanoClock.instance());
        for (int slot = 0; slot < slots; slot++) {
            writer.register(StressSlotValues.SYMBOL_PREFIX + slot);
        }
        long counter = 0;
        while (!stop) {
            counter++;
            for (int slot = 0; slot < slots; slot++) {
                writer.update(slot, StressSlotValues.bid(slot, counter), StressSlotValues.ask(slot, counter), counter,
                    StressSlotValues.tickTimestamp(slot, counter), StressSlotValues.updateTimestamp(slot, counter));
            }
            if ((counter & 1023) == 0) {
                writer.heartbeat();
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
            }
        }
        writer.heartbeat();
        System.out.println("rounds=" + counter);
        System.out.flush();
    }

    private static void startStdinWatcher() {
        final Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Any input is ignored; only end of file stops the writer.
                }
            } catch (IOException e) {
                // A broken pipe also means the test is gone.
            }
            stop = true;
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
