package io.tradingstack.protocol;

/**
 * What decoding a frame gives: either a {@link Message} or a {@link DecodeError}.
 *
 * <p>Both sides are plain values, so the caller tests with {@code instanceof} and no
 * exception escapes the codec. A decoded message is returned as itself, with no wrapper,
 * so the hot path allocates only the record.
 */
public sealed interface Decoded permits Message, DecodeError {
}
