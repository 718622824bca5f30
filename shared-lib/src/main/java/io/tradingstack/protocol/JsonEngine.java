package io.tradingstack.protocol;

/**
 * Which JSON implementation reads and writes the payload. Both apply the same message rules
 * (presence, JSON types, ranges: {@link MessageDecoder}) and produce the same messages; the
 * shared contract tests hold them to that.
 */
public enum JsonEngine {

    /**
     * The project's single-pass scanner and writer: no allocation beyond the decoded record,
     * none at all to encode. The default, for the hot path.
     */
    NATIVE,

    /**
     * Jackson 3's streaming parser and generator (jackson-core), after a UTF-8 check of the
     * payload: the reference implementation, and a fallback for anyone who prefers it. About
     * 1 KB of garbage per message (a parser and its context per document).
     */
    JACKSON;

    ScannedObject newScanner() {
        return this == NATIVE ? new JsonObjectScanner() : new JacksonObjectScanner();
    }

    JsonOutput newOutput() {
        return this == NATIVE ? new NativeJsonOutput() : new JacksonJsonOutput();
    }
}
