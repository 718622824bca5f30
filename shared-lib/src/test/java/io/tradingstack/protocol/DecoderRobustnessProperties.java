package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes a peer sends, the codec answers with a message or a decode error: no
 * exception, and a message it accepts is one it can write back unchanged. The codec lives
 * across all tries, as a connection's does, so its parser has read every earlier input, bad
 * ones included: it must answer exactly as a fresh codec does.
 */
class DecoderRobustnessProperties {

    private final MessageCodec codec = new MessageCodec(4096);

    @Property(tries = 2000)
    void randomBytesNeverEscapeAsAnException(@ForAll @Size(max = 300) byte[] bytes) throws Exception {
        assertDecodesOrReports(bytes);
        Decoded fromStream = new FrameReader(new ByteArrayInputStream(bytes), codec).read();
        assertThat(fromStream == null || fromStream instanceof Message || fromStream instanceof DecodeError).isTrue();
    }

    /** Valid frames with a few bytes flipped, inserted or removed: the cases a fuzzer finds first. */
    @Property(tries = 3000)
    void mutatedFramesDecodeOrReport(@ForAll("anyMessage") Message message, @ForAll("mutations") int[] mutation) {
        byte[] payload = codec.toPayload(message);
        byte[] mutated = mutate(payload, mutation);

        Decoded decoded = codec.decode(mutated, 0, mutated.length);

        // Nothing of the inputs before leaks into this one: a fresh parser gives the same answer.
        Decoded byFreshCodec = new MessageCodec(4096).decode(mutated, 0, mutated.length);
        assertThat(byFreshCodec).as(new String(mutated, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(decoded);
        if (decoded instanceof Message accepted) {
            // Whatever was accepted is a valid message: it encodes and decodes to itself.
            assertThat(codec.decode(codec.toPayload(accepted))).isEqualTo(accepted);
        } else {
            assertThat(((DecodeError) decoded).detail()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void jsonTextThatIsNotAMessageIsReported(@ForAll("jsonishText") String text) {
        assertDecodesOrReports(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Message> anyMessage() {
        return Arbitraries.oneOf(MessageArbitraries.priceTicks(), MessageArbitraries.newsTicks(), MessageArbitraries.heartbeats(),
                MessageArbitraries.replayRequests(), MessageArbitraries.resets(), MessageArbitraries.logons(),
                MessageArbitraries.orders(), MessageArbitraries.cancels(), MessageArbitraries.executions(),
                MessageArbitraries.errorFrames());
    }

    /** Triples of (operation, position, byte): 0 flip, 1 insert, 2 delete. */
    @Provide
    Arbitrary<int[]> mutations() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMinSize(3).ofMaxSize(12)
                .map(values -> Arrays.copyOf(values, values.length - values.length % 3));
    }

    @Provide
    Arbitrary<String> jsonishText() {
        return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 tfnrul\\\"abcxyz").ofMaxLength(60)
                .map(s -> "{\"type\":\"price\"," + s);
    }

    private void assertDecodesOrReports(byte[] bytes) {
        Decoded asPayload = codec.decode(bytes, 0, bytes.length);
        Decoded asFrame = codec.decodeFrame(bytes, 0, bytes.length);
        assertThat(asPayload).isNotNull();
        assertThat(asFrame).isNotNull();
        if (asPayload instanceof DecodeError error) {
            assertThat(error.reason()).isNotNull();
        }
    }

    private static byte[] mutate(byte[] payload, int[] mutation) {
        byte[] bytes = payload;
        for (int i = 0; i + 2 < mutation.length; i += 3) {
            int operation = mutation[i] % 3;
            int at = bytes.length == 0 ? 0 : mutation[i + 1] % bytes.length;
            byte value = (byte) mutation[i + 2];
            if (operation == 0 && bytes.length > 0) {
                bytes = bytes.clone();
                bytes[at] = value;
            } else if (operation == 1) {
                byte[] grown = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, grown, 0, at);
                grown[at] = value;
                System.arraycopy(bytes, at, grown, at + 1, bytes.length - at);
                bytes = grown;
            } else if (bytes.length > 0) {
                byte[] shrunk = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shrunk, 0, at);
                System.arraycopy(bytes, at + 1, shrunk, at, bytes.length - at - 1);
                bytes = shrunk;
            }
        }
        return bytes;
    }
}
