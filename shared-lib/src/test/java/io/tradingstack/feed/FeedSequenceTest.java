package io.tradingstack.feed;

import static io.tradingstack.feed.FeedSequence.Verdict.DUPLICATE;
import static io.tradingstack.feed.FeedSequence.Verdict.GAP;
import static io.tradingstack.feed.FeedSequence.Verdict.IN_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.Test;

class FeedSequenceTest {

    private final FeedSequence sequence = new FeedSequence();

    @Test
    void shouldAskForLiveDataUntilItHasAPosition() {
        assertThat(sequence.replayRequest()).isEqualTo(ReplayRequest.liveOnly());

        // a heartbeat names the session but gives no position to replay from
        assertThat(sequence.followSession(3)).isFalse();
        assertThat(sequence.onHeartbeat(0)).isEqualTo(IN_ORDER);

        assertThat(sequence.replayRequest()).isEqualTo(ReplayRequest.liveOnly());
    }

    @Test
    void shouldTakeTheFirstLiveSequenceAsItsPositionAndThenRequireEachNext() {
        sequence.followSession(3);

        assertThat(sequence.onData(500)).isEqualTo(IN_ORDER);
        assertThat(sequence.onData(501)).isEqualTo(IN_ORDER);
        assertThat(sequence.onData(501)).isEqualTo(DUPLICATE);
        assertThat(sequence.onData(12)).isEqualTo(DUPLICATE);
        assertThat(sequence.onData(503)).isEqualTo(GAP);

        assertThat(sequence.lastSeq()).isEqualTo(501);
        assertThat(sequence.replayRequest()).isEqualTo(new ReplayRequest(502, 3));
    }

    @Test
    void shouldContinueFromTheFirstSequenceOfAReset() {
        sequence.followSession(3);
        sequence.onData(10);

        sequence.onReset(40);

        assertThat(sequence.onData(40)).isEqualTo(IN_ORDER);
        assertThat(sequence.replayRequest()).isEqualTo(new ReplayRequest(41, 3));
    }

    @Test
    void shouldExpectSequenceOneInANewSession() {
        sequence.followSession(3);
        sequence.onData(10);

        assertThat(sequence.followSession(4)).isTrue();

        assertThat(sequence.replayRequest()).isEqualTo(new ReplayRequest(1, 4));
        assertThat(sequence.onData(2)).isEqualTo(GAP);
        assertThat(sequence.onData(1)).isEqualTo(IN_ORDER);
    }

    @Test
    void shouldSeeAGapInAHeartbeatAheadOfTheLastSequence() {
        sequence.followSession(3);
        sequence.onData(10);

        assertThat(sequence.onHeartbeat(0)).isEqualTo(IN_ORDER);
        assertThat(sequence.onHeartbeat(10)).isEqualTo(IN_ORDER);
        assertThat(sequence.onHeartbeat(11)).isEqualTo(GAP);
    }
}
