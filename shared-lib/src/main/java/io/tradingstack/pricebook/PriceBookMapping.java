package io.tradingstack.pricebook;

import static io.tradingstack.pricebook.PriceBookDescriptor.CAPACITY_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.LAYOUT_VERSION;
import static io.tradingstack.pricebook.PriceBookDescriptor.LAYOUT_VERSION_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.MAGIC;
import static io.tradingstack.pricebook.PriceBookDescriptor.MAGIC_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.MAX_CAPACITY;
import static io.tradingstack.pricebook.PriceBookDescriptor.MAX_SYMBOL_LENGTH;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_SIZE;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_SIZE_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_SYMBOL_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SYMBOL_COUNT_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.slotOffset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Maps price book files and holds the {@code VarHandle} views the writer and reader share.
 * The channel is closed as soon as the file is mapped: a mapping stays valid without it.
 */
final class PriceBookMapping {

    /** Longs of the mapping, native order; ordered modes need 8-byte aligned indexes. */
    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Ints of the mapping, native order. */
    static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private PriceBookMapping() {
    }

    /**
     * Maps an existing file and checks it against {@link PriceBookDescriptor}.
     *
     * @param writable READ_WRITE for the writer; readers map READ_ONLY ({@code getAcquire}
     *                 works on a read-only buffer, so a reader cannot corrupt the book)
     * @throws IllegalStateException if the file is not a compatible price book
     */
    static ByteBuffer mapExisting(Path path, boolean writable) {
        final StandardOpenOption[] options = writable
            ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
            : new StandardOpenOption[] {StandardOpenOption.READ};
        try (FileChannel channel = FileChannel.open(path, options)) {
            final long fileLength = channel.size();
            PriceBookDescriptor.checkHeaderPresent(path, fileLength);
            // Never map past the end: a READ_WRITE map longer than the file would grow it.
            final long mapLength = Math.min(fileLength, PriceBookDescriptor.fileLength(MAX_CAPACITY));
            final ByteBuffer buffer = channel.map(
                writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, mapLength);
            verifyAlignment(path, buffer);
            // volatile, though no store pairs with these: the header is complete before
            // create() renames the file into place, and never changes afterwards
            PriceBookDescriptor.checkCompatible(path,
                (long) LONGS.getVolatile(buffer, MAGIC_OFFSET),
                (int) INTS.getVolatile(buffer, LAYOUT_VERSION_OFFSET),
                (int) INTS.getVolatile(buffer, SLOT_SIZE_OFFSET),
                (int) INTS.getVolatile(buffer, CAPACITY_OFFSET),
                fileLength);
            return buffer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map price book " + path, e);
        }
    }

    /**
     * Creates a new, empty book. The header is written into a temporary sibling which is then
     * renamed over {@code path}, so a reader polling for the file never sees half a header.
     */
    static ByteBuffer create(Path path, int capacity) {
        final Path absolute = path.toAbsolutePath();
        final Path temporary = absolute.resolveSibling(
            absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            final ByteBuffer buffer;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // Mapping past the end grows the file to its full length, zero filled.
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, PriceBookDescriptor.fileLength(capacity));
            }
            verifyAlignment(path, buffer);
            // Plain stores: nobody can see the file before the rename below.
            LONGS.set(buffer, MAGIC_OFFSET, MAGIC);
            INTS.set(buffer, LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
            INTS.set(buffer, SLOT_SIZE_OFFSET, SLOT_SIZE);
            INTS.set(buffer, CAPACITY_OFFSET, capacity);
            INTS.set(buffer, SYMBOL_COUNT_OFFSET, 0);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return buffer;
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            throw new UncheckedIOException("Cannot create price book " + path, e);
        }
    }

    /** Mappings are page aligned; checked anyway because every ordered access relies on it. */
    private static void verifyAlignment(Path path, ByteBuffer buffer) {
        final int misalignment = buffer.alignmentOffset(0, Long.BYTES);
        if (misalignment != 0) {
            throw new IllegalStateException("Price book " + path + " is mapped at an address " + misalignment
                + " bytes past an 8-byte boundary; ordered long accesses need 8-byte alignment");
        }
    }

    private static void deleteQuietly(Path temporary, IOException cause) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * @throws IllegalArgumentException unless {@code symbol} is a valid wire symbol
     *                                  ({@link io.tradingstack.protocol.Symbols#isValid})
     */
    static void checkSymbol(String symbol) {
        if (!io.tradingstack.protocol.Symbols.isValid(symbol)) {
            throw new IllegalArgumentException("symbol=\"" + symbol + "\" (length " + symbol.length() + "), must be 1.."
                + MAX_SYMBOL_LENGTH + " printable ASCII characters without space, quote or backslash");
        }
    }

    /** Writes a checked symbol into its slot, zero padding the rest of the field. */
    static void putSymbol(ByteBuffer buffer, int slot, String symbol) {
        final int base = slotOffset(slot) + SLOT_SYMBOL_OFFSET;
        for (int i = 0; i < MAX_SYMBOL_LENGTH; i++) {
            buffer.put(base + i, i < symbol.length() ? (byte) symbol.charAt(i) : 0);
        }
    }

    /** The symbol of a slot; callers must have acquired a symbol count above {@code slot}. */
    static String symbolAt(ByteBuffer buffer, int slot) {
        final int base = slotOffset(slot) + SLOT_SYMBOL_OFFSET;
        final byte[] bytes = new byte[MAX_SYMBOL_LENGTH];
        int length = 0;
        while (length < MAX_SYMBOL_LENGTH && (bytes[length] = buffer.get(base + length)) != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
