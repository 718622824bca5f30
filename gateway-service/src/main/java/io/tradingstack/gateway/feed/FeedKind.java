package io.tradingstack.gateway.feed;

/** The gateway's two feeds; {@link #tagValue()} is the {@code feed} tag of their metrics and their name in logs. */
public enum FeedKind {
    PRICE("price"),
    NEWS("news");

    private final String tagValue;

    FeedKind(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }

    @Override
    public String toString() {
        return tagValue;
    }
}
