package io.tradingstack.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.clock.EpochNanoClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A book of another magic, version or size is refused with what was found and expected. */
class PriceBookHeaderTest {

    private static final int CAPACITY = 4;
    private static final EpochNanoClock CLOCK = () -> 1L;

    @TempDir
    Path directory;

    private Path book;

    @BeforeEach
    void createBook() {
        book = directory.resolve("book.dat");
        PriceBookWriter.open(book, CAPACITY, CLOCK).register("AAPL");
    }

    @Test
    void shouldRejectFileWithWrongMagic() throws IOException {
        RawBookFile.putLong(book, PriceBookDescriptor.MAGIC_OFFSET, RawBookFile.asciiLong("NOTABOOK"));

        assertThatThrownBy(this::openReader)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(book.toString())
            .hasMessageContaining("magic found 0x")
            .hasMessageContaining("(\"NOTABOOK\")")
            .hasMessageContaining("expected 0x" + String.format("%016x", PriceBookDescriptor.MAGIC) + " (\"TSPRBOOK\")");
    }

    @Test
    void shouldRejectFileWithWrongLayoutVersion() throws IOException {
        RawBookFile.putInt(book, PriceBookDescriptor.LAYOUT_VERSION_OFFSET, 7);

        assertThatThrownBy(this::openReader)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Incompatible price book " + book + ": layout version found 7, expected 1");
    }

    @Test
    void shouldRejectFileWithWrongSlotSize() throws IOException {
        RawBookFile.putInt(book, PriceBookDescriptor.SLOT_SIZE_OFFSET, 128);

        assertThatThrownBy(this::openReader)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Incompatible price book " + book + ": slot size found 128, expected 64");
    }

    @Test
    void shouldRejectFileLongerThanItsCapacity() throws IOException {
        try (FileChannel channel = FileChannel.open(book, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[64]), channel.size());
        }

        assertThatThrownBy(this::openReader)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Incompatible price book " + book + ": file length found 384, expected 320");
    }

    @Test
    void shouldRejectFileShorterThanItsCapacity() throws IOException {
        try (FileChannel channel = FileChannel.open(book, StandardOpenOption.WRITE)) {
            channel.truncate(PriceBookDescriptor.fileLength(CAPACITY) - 64);
        }

        assertThatThrownBy(this::openReader)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Incompatible price book " + book + ": file length found 256, expected 320");
    }

    @Test
    void shouldRejectFileTooShortForHeader() throws IOException {
        final Path stub = directory.resolve("stub.dat");
        Files.write(stub, new byte[10]);

        assertThatThrownBy(() -> PriceBookReader.open(stub, Duration.ofSeconds(1), 10, CLOCK))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Incompatible price book " + stub + ": file length found 10, expected at least 64 (one header)");
    }

    @Test
    void shouldRefuseToReopenFileOfAnotherCapacity() {
        assertThatThrownBy(() -> PriceBookWriter.open(book, CAPACITY * 2, CLOCK))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Incompatible price book " + book + ": capacity found 4, expected 8");
    }

    @Test
    void shouldRefuseToReopenFileOfAnotherMagic() throws IOException {
        RawBookFile.putLong(book, PriceBookDescriptor.MAGIC_OFFSET, RawBookFile.asciiLong("NOTABOOK"));

        assertThatThrownBy(() -> PriceBookWriter.open(book, CAPACITY, CLOCK))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(book.toString())
            .hasMessageContaining("magic found");
        assertThat(RawBookFile.getLong(book, PriceBookDescriptor.MAGIC_OFFSET))
            .as("a refused file is left as it was")
            .isEqualTo(RawBookFile.asciiLong("NOTABOOK"));
    }

    @Test
    void shouldWriteMagicAsAsciiAtStartOfFile() throws IOException {
        final byte[] start = new byte[8];
        System.arraycopy(Files.readAllBytes(book), 0, start, 0, 8);

        assertThat(new String(start, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("TSPRBOOK");
        assertThat(Files.size(book)).isEqualTo(PriceBookDescriptor.fileLength(CAPACITY));
    }

    private PriceBookReader openReader() {
        return PriceBookReader.open(book, Duration.ofSeconds(1), 10, CLOCK);
    }
}
