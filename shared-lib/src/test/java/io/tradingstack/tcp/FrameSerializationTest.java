package io.tradingstack.tcp;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Reset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

class FrameSerializationTest {

    private final FrameSerializer serializer = new FrameSerializer(Framing.DEFAULT_MAX_FRAME_LENGTH);
    private final FrameDeserializer deserializer = new FrameDeserializer(Framing.DEFAULT_MAX_FRAME_LENGTH);

    @Test
    void shouldWriteMessagesAndPreFramedBatchesThatReadBackInOrder() throws Exception {
        Heartbeat first = new Heartbeat(1, 0, 10);
        Reset second = new Reset(1, 5);
        ErrorFrame third = new ErrorFrame("NO_REPLAY", "no replay within 10 s");
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        MessageCodec codec = new MessageCodec();
        batch.writeBytes(codec.toFrame(second));
        batch.writeBytes(codec.toFrame(third));

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        serializer.serialize(first, wire);
        serializer.serialize(FrameBytes.of(batch.toByteArray()), wire);

        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());
        assertThat(deserializer.deserialize(in)).as("all three arrive in one read").containsExactly(first, second, third);
        assertThatThrownBy(() -> deserializer.deserialize(in)).isInstanceOf(SoftEndOfStreamException.class);
    }

    @Test
    void shouldHandBadFramesToTheFlowInsteadOfThrowing() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(RawFrames.frame("{\"type\":\"replay\",\"fromSeq\":-1}"));

        DecodedFrames decoded = deserializer.deserialize(in);

        assertThat(decoded.size()).isEqualTo(1);
        assertThat(decoded.get(0)).isInstanceOfSatisfying(DecodeError.class,
                error -> assertThat(error.reason()).isEqualTo(DecodeFailure.OUT_OF_RANGE));
    }

    @Test
    void shouldWriteOnlyTheFramesOfAReusedArray() throws Exception {
        Heartbeat heartbeat = new Heartbeat(1, 0, 10);
        byte[] frame = new MessageCodec().toFrame(heartbeat);
        byte[] reused = new byte[frame.length + 40];
        java.util.Arrays.fill(reused, (byte) '{'); // what a larger earlier batch left behind
        System.arraycopy(frame, 0, reused, 0, frame.length);

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        serializer.serialize(new FrameBytes(reused, frame.length), wire);

        assertThat(wire.toByteArray()).isEqualTo(frame);
        assertThatThrownBy(() -> new FrameBytes(reused, reused.length + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAPayloadThatIsNeitherAMessageNorFrames() {
        assertThatThrownBy(() -> serializer.serialize("text", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }
}
