package io.tradingstack.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A journal file that fails writes or forces on demand, holds forces until released, and
 * counts them: the seam through which tests prove the journal's failure and batching behaviour. Shared with the services' tests (test jar).
 * Switches and counters are atomic: a test thread flips them while a writer thread appends.
 */
public final class FaultyJournalChannel implements JournalChannel {

    /** The faults and counts shared by every channel a {@link #factory} opens. */
    public static final class Faults {
        private final AtomicBoolean failWrites = new AtomicBoolean();
        private final AtomicBoolean failForces = new AtomicBoolean();
        private final AtomicInteger writes = new AtomicInteger();
        private final AtomicInteger forces = new AtomicInteger();
        private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
        private final CountDownLatch forceHeld = new CountDownLatch(1);

        /** From now on every write throws, as a full disk would. */
        public void failWrites() {
            failWrites.set(true);
        }

        /** From now on every force throws, as a disk that lost the data would. */
        public void failForces() {
            failForces.set(true);
        }

        /**
         * From now on every force waits until {@link #releaseForces()}, as a slow disk would: what
         * a test uses to see what happens while a commit is under way.
         */
        public void holdForces() {
            hold.set(new CountDownLatch(1));
        }

        /** Waits until a force is held; false when none came within the timeout. */
        public boolean awaitForceHeld(long timeout, TimeUnit unit) throws InterruptedException {
            return forceHeld.await(timeout, unit);
        }

        /** Lets the held forces, and every later one, go on. */
        public void releaseForces() {
            CountDownLatch gate = hold.getAndSet(null);
            if (gate != null) {
                gate.countDown();
            }
        }

        public int writes() {
            return writes.get();
        }

        public int forces() {
            return forces.get();
        }
    }

    private final JournalChannel file;
    private final Faults faults;

    private FaultyJournalChannel(JournalChannel file, Faults faults) {
        this.file = file;
        this.faults = faults;
    }

    /** Real journal files, behind the given faults. */
    public static JournalChannel.Factory factory(Faults faults) {
        return path -> new FaultyJournalChannel(JournalChannel.files().open(path), faults);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (faults.failWrites.get()) {
            throw new IOException("injected write failure: No space left on device");
        }
        faults.writes.incrementAndGet();
        return file.write(src, position);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public void force() throws IOException {
        if (faults.failForces.get()) {
            throw new IOException("injected fsync failure: Input/output error");
        }
        CountDownLatch gate = faults.hold.get();
        if (gate != null) {
            faults.forceHeld.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the test held the fsync", e);
            }
        }
        faults.forces.incrementAndGet();
        file.force();
    }

    @Override
    public void truncate(long size) throws IOException {
        file.truncate(size);
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
