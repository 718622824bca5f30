package io.tradingstack.journal;

/**
 * When a {@link Journal#commit() commit} returns, what a crash can no longer take away. The
 * docs/services.md (Durability) states the measured cost of each (JMH {@code JournalBenchmark}).
 */
public enum FlushPolicy {

    /**
     * The batch is written to the file ({@code write(2)}), not forced: it survives a crash of the
     * process (the kernel holds it), not a power loss or a kernel crash. Cheapest.
     */
    PAGE_CACHE,

    /**
     * The batch is written, then one {@code fdatasync} covers all of it: what arrived together
     * shares one flush. Survives a power loss. The default.
     */
    BATCH,

    /**
     * Each record of the batch is written and forced before the next: one {@code fdatasync} per
     * record. Survives a power loss; costs a flush per order however many arrived together.
     */
    RECORD
}
