package io.tradingstack.journal;

/**
 * What opening a journal found.
 *
 * @param records       complete records replayed
 * @param bytes         the file's length after recovery, header included
 * @param tornTailBytes bytes of an incomplete last record (a write cut by a crash) truncated; 0
 *                      when the file ended on a record boundary
 * @param created       true when the file was new (or held only a torn header) and got its header now
 */
public record Recovery(long records, long bytes, long tornTailBytes, boolean created) {

    /** True when a torn last record was truncated. */
    public boolean tornTail() {
        return tornTailBytes > 0;
    }
}
