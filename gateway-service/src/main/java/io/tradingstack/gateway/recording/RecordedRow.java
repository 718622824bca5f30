package io.tradingstack.gateway.recording;

import io.tradingstack.gateway.feed.FeedData;
import io.tradingstack.gateway.feed.FeedKind;

/**
 * One row of a recording, read back for replay.
 *
 * @param feed the feed it was sent on
 * @param ts   when it was sent, epoch nanoseconds: replay keeps the gaps between rows
 * @param data what to publish again (the feed gives it a new session, sequence and ts)
 */
record RecordedRow(FeedKind feed, long ts, FeedData data) {
}
