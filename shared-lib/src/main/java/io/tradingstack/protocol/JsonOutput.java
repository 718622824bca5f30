package io.tradingstack.protocol;

/** How a {@link JsonEngine} writes one flat JSON object into a reusable buffer. */
interface JsonOutput {

    /** Starts the object at {@code offset} of the buffer with its {@code type} member. */
    void begin(MessageType type, int offset);

    void number(Field field, long value);

    /** A fixed-point price, written as its exact shortest decimal. */
    void price(Field field, long fixedPoint);

    void string(Field field, String value);

    /** Closes the object; returns the offset just after it. */
    int end();

    /** The buffer written into; it may be replaced by a larger one during a write. */
    byte[] buffer();
}
