package io.tradingstack.pricebook;

/**
 * Every field of a stress-test slot is a function of one counter (and the slot index), so a
 * snapshot mixing fields from two updates cannot pass {@link #consistent}.
 */
final class StressSlotValues {

    static final String SYMBOL_PREFIX = "STRESS";

    private StressSlotValues() {
    }

    static long bid(int slot, long counter) {
        return slot * 1_000_000_000_000L + counter * 2;
    }

    static long ask(int slot, long counter) {
        return bid(slot, counter) + 1 + slot;
    }

    static long tickTimestamp(int slot, long counter) {
        return counter * 5 + slot;
    }

    static long updateTimestamp(int slot, long counter) {
        // Never 0: 0 marks an empty slot.
        return counter * 7 + slot + 1;
    }

    /** On a fresh file the version is twice the number of updates of the slot. */
    static long version(long counter) {
        return counter * 2;
    }

    static boolean consistent(int slot, PriceSnapshot snapshot) {
        final long counter = snapshot.feedSequence();
        return snapshot.bid() == bid(slot, counter)
            && snapshot.ask() == ask(slot, counter)
            && snapshot.tickTimestamp() == tickTimestamp(slot, counter)
            && snapshot.updateTimestamp() == updateTimestamp(slot, counter)
            && snapshot.version() == version(counter);
    }
}
