package io.tradingstack.feed;

/**
 * The gateway's two feeds. The name is the {@code feed} tag of every feed metric
 * and part of the client thread's name, so it stays one of a small, fixed set.
 */
public enum Feed {

    /** {@code price} ticks, port 8000 by default. */
    PRICE("price"),

    /** {@code news} ticks, port 8001 by default. */
    NEWS("news");

    private final String tag;

    Feed(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code feed} tag: {@code price} or {@code news}. */
    public String tag() {
        return tag;
    }
}
