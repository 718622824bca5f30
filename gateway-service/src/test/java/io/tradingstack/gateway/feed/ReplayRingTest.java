package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class ReplayRingTest {

    @Test
    void shouldHoldEveryFrameUntilFull() {
        ReplayRing ring = ringWith(4, 3);

        assertThat(ring.oldestSeq()).isEqualTo(1);
        assertThat(ring.newestSeq()).isEqualTo(3);
        assertThat(ring.get(2).seq()).isEqualTo(2);
    }

    @Test
    void shouldKeepOnlyTheLastCapacityFramesOnceWrapped() {
        ReplayRing ring = ringWith(4, 10);

        assertThat(ring.oldestSeq()).isEqualTo(7);
        assertThat(ring.newestSeq()).isEqualTo(10);
        for (long seq = 7; seq <= 10; seq++) {
            assertThat(ring.get(seq).seq()).isEqualTo(seq);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> ring.get(6));
        assertThatIllegalArgumentException().isThrownBy(() -> ring.get(11));
    }

    @Test
    void shouldBeEmptyBeforeTheFirstFrame() {
        ReplayRing ring = new ReplayRing(4);

        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.newestSeq()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> ring.get(1));
    }

    @Test
    void shouldRefuseAFrameOutOfSequence() {
        ReplayRing ring = ringWith(4, 2);

        assertThatIllegalStateException().isThrownBy(() -> ring.add(new FeedFrame(4, new byte[1])));
    }

    private static ReplayRing ringWith(int capacity, int frames) {
        ReplayRing ring = new ReplayRing(capacity);
        for (long seq = 1; seq <= frames; seq++) {
            ring.add(new FeedFrame(seq, new byte[] {(byte) seq}));
        }
        return ring;
    }
}
