package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order ids the engine hands out, each above every id handed out before: in this run, in
 * every earlier run over the same journal, across refusals that store nothing and across a
 * journal failure. An id is only ever answered once the journal holds a reservation covering it,
 * so a restart, which continues above the highest reservation, cannot hand it out again.
 *
 * <p>Ids are reserved a block at a time, ahead of use: whenever fewer than {@code block} reserved
 * ids remain above the last one handed out, a reservation up to two blocks above it is appended
 * to the store's batch, before the record of the order that takes the id, and is made durable by
 * the same commit (one write and one fsync for both). So one reservation record serves about a
 * block of orders, and a restart skips at most two blocks of ids.
 *
 * <p>A commit that fails leaves its reservation in doubt, so only the reservation of the last
 * commit that worked counts ({@link #isDurable}); it stays at least a block ahead of the ids
 * handed out before the failing batch. While the journal is failed nothing more can be reserved:
 * the rejections that still need an id take what is left of that reservation, and once it is
 * used up {@link #next()} answers {@link #NONE} until a restart.
 *
 * <p>Under the engine's lock only, like the engine.
 */
final class OrderIds {

    /** No id: the journal failed and every id it holds reserved is handed out. Real ids start at 1. */
    static final long NONE = 0;

    private static final Logger log = LoggerFactory.getLogger(OrderIds.class);

    private final OrderStore store;
    private final long block;
    /** The last id handed out. */
    private long last;
    /** The highest id reserved: committed, or appended to the batch being decided. */
    private long reserved;
    /** The highest id reserved when the batch being committed was sealed: durable once that commit works. */
    private long sealed;
    /** The highest id reserved by a commit that worked: every id up to it may be answered. */
    private long durable;
    private boolean failed;
    private boolean exhausted;

    /**
     * @param store the store to reserve in; its {@link OrderStore#lastOrderId()} is where ids continue
     * @param block ids per reservation, at least 1
     */
    OrderIds(OrderStore store, long block) {
        if (block < 1) {
            throw new IllegalArgumentException("orderIdBlock=" + block + ", must be at least 1");
        }
        this.store = store;
        this.block = block;
        this.last = store.lastOrderId();
        this.reserved = last;
        this.sealed = last;
        this.durable = last;
    }

    /**
     * The next order id, reserving the next block in the store's batch when the reservation runs
     * short; {@link #NONE} when the journal has failed and its reservation is used up.
     */
    long next() {
        long id = last + 1;
        if (failed) {
            if (id > durable) {
                if (!exhausted) {
                    exhausted = true;
                    log.warn("Order ids: every id the failed journal holds reserved (up to orderId={}) is handed out;"
                        + " order frames now get error JOURNAL_UNAVAILABLE and a close, undecided, until a restart",
                        durable);
                }
                return NONE;
            }
        } else if (reserved - id < block) {
            reserved = id + 2 * block;
            store.reserveOrderIds(reserved);
        }
        last = id;
        return id;
    }

    /**
     * When the store seals a batch for its commit: the reservations appended so far are in it,
     * those appended from now on in the next one.
     */
    void sealed() {
        if (!failed) {
            sealed = reserved;
        }
    }

    /**
     * After each commit: a stored batch makes the reservation it was sealed with durable; a failed
     * one leaves it in doubt, and nothing is reserved any more.
     */
    void committed(boolean stored) {
        if (stored) {
            durable = Math.max(durable, sealed);
            return;
        }
        if (!failed) {
            failed = true;
            reserved = durable;
            log.warn("Order ids: the journal holds them reserved up to orderId={}; {} are left for the rejections"
                + " while it is failed, then order frames get error JOURNAL_UNAVAILABLE and a close, undecided,"
                + " until a restart (which continues above the reservation)", durable, Math.max(0, durable - last));
        }
    }

    /** Whether an answer may carry this id: the journal holds it reserved, so no restart hands it out again. */
    boolean isDurable(long orderId) {
        return orderId <= durable;
    }
}
