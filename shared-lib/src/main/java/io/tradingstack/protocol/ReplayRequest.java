package io.tradingstack.protocol;

/**
 * {@code replay}: the subscriber's first and only frame.
 *
 * @param fromSeq first sequence wanted, inclusive; 0 means live only
 * @param session the session the subscriber last saw, or {@link #NO_SESSION}; required when {@code fromSeq > 0}
 */
public record ReplayRequest(long fromSeq, long session) implements Message {

    /** The value of {@code session} when the field is absent. */
    public static final long NO_SESSION = 0L;

    public static ReplayRequest liveOnly() {
        return new ReplayRequest(0, NO_SESSION);
    }

    @Override
    public MessageType type() {
        return MessageType.REPLAY;
    }
}
