package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the decoder, differential against Jackson 3. In a normal test run
 * this replays the seed corpus in {@code CodecFuzzTestInputs/decoderAgreesWithJackson} of the
 * test resources (regression mode: jazzer-junit reads {@code <class>Inputs/<method>} and nothing
 * else); to search for new inputs run {@code JAZZER_FUZZ=1 ./mvnw -pl shared-lib test -Dtest=CodecFuzzTest}.
 *
 * <p>Properties: no input escapes as an exception; the long-lived codec, whose parser has read
 * every earlier input, answers exactly as a fresh one; whatever is accepted, Jackson data
 * binding also reads as a JSON object of the same {@code type}; and it re-encodes to itself.
 */
class CodecFuzzTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    /**
     * Static: JUnit makes a new test instance for every input it replays, and the property needs
     * a codec that has read the inputs before, in regression mode as when fuzzing.
     */
    private static final MessageCodec codec = new MessageCodec(4096);

    @FuzzTest(maxDuration = "60s")
    void decoderAgreesWithJackson(byte[] input) {
        Decoded decoded = codec.decode(input, 0, input.length);
        assertThat(new MessageCodec(4096).decode(input, 0, input.length)).isEqualTo(decoded);
        if (decoded instanceof Message message) {
            JsonNode json = JACKSON.readTree(input);
            assertThat(json.isObject()).isTrue();
            assertThat(json.get("type").asString()).isEqualTo(message.type().wireName());
            assertThat(codec.decode(codec.toPayload(message))).isEqualTo(message);
        } else {
            assertThat(((DecodeError) decoded).reason()).isNotNull();
        }
        codec.decodeFrame(input, 0, input.length);
    }
}
