package io.tradingstack.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opening a journal a crash or a disk left behind: a torn last record (cut at every byte
 * offset, with and without garbage after it) is truncated and every complete record comes back;
 * a damaged record before the end refuses with its offset and leaves the file as it was.
 */
class JournalRecoveryTest {

    private static final int RECORDS = 5;

    @TempDir
    Path directory;

    /** The journal's log (commons-logging over java.util.logging here), captured instead of printed. */
    private final Logger journalLog = Logger.getLogger(Journal.class.getName());
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private byte[] original;
    /** The offset of each record, and the file's length as the last entry. */
    private final List<Long> offsets = new ArrayList<>();

    @BeforeEach
    void captureTheJournalsLog() {
        journalLog.addHandler(capture);
        journalLog.setUseParentHandlers(false);
    }

    @AfterEach
    void restoreTheJournalsLog() {
        journalLog.removeHandler(capture);
        journalLog.setUseParentHandlers(true);
    }

    @BeforeEach
    void writeAJournalOfFiveRecords() throws IOException {
        Path path = directory.resolve("original.journal");
        long offset = JournalDescriptor.HEADER_LENGTH;
        try (Journal journal = Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(), JournalRecoveryTest::none)) {
            for (int i = 0; i < RECORDS; i++) {
                offsets.add(offset);
                byte[] payload = payload(i);
                journal.append(payload);
                journal.commit();
                offset += JournalDescriptor.RECORD_HEADER_LENGTH + payload.length;
            }
        }
        offsets.add(offset);
        original = Files.readAllBytes(path);
        assertThat((long) original.length).isEqualTo(offset);
    }

    @Test
    void shouldReplayEveryRecordInOrder() throws IOException {
        Replayed replayed = open(file("whole", original));

        assertThat(replayed.payloads).containsExactlyElementsOf(payloads(RECORDS));
        assertThat(replayed.recovery).isEqualTo(new Recovery(RECORDS, original.length, 0, false));
    }

    @Test
    void shouldRecoverExactlyTheCompleteRecordsWhenTheLastIsCutAtAnyOffset() throws IOException {
        long last = offsets.get(RECORDS - 1);
        for (long cut = last; cut < original.length; cut++) {
            Path path = file("cut-" + cut, Arrays.copyOf(original, (int) cut));
            warnings.clear();

            Replayed replayed = open(path);

            assertThat(replayed.payloads).as("cut at %d", cut).containsExactlyElementsOf(payloads(RECORDS - 1));
            assertThat(replayed.recovery.tornTailBytes()).as("cut at %d", cut).isEqualTo(cut - last);
            assertThat(Files.size(path)).as("truncated to the last complete record").isEqualTo(last);
            if (cut > last) {
                assertThat(warnings).as("one warning per torn tail").singleElement().asString()
                    .contains("truncated at byte offset " + last + ", " + (cut - last) + " bytes dropped");
            } else {
                assertThat(warnings).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2024})
    void shouldRecoverExactlyTheCompleteRecordsWhenGarbageFollowsACutAtAnyOffset(long seed) throws IOException {
        Random random = new Random(seed);
        long last = offsets.get(RECORDS - 1);
        for (long cut = last; cut <= original.length; cut++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            byte[] damaged = Arrays.copyOf(original, (int) cut + garbage.length);
            System.arraycopy(garbage, 0, damaged, (int) cut, garbage.length);
            Path path = file("garbage-" + seed + "-" + cut, damaged);

            Replayed replayed = open(path);

            int complete = cut == original.length ? RECORDS : RECORDS - 1;
            assertThat(replayed.payloads).as("cut at %d, %d bytes of garbage", cut, garbage.length)
                .containsExactlyElementsOf(payloads(complete));
            assertThat(replayed.recovery.tornTailBytes()).isEqualTo(damaged.length - offsets.get(complete));
            assertThat(Files.size(path)).isEqualTo(offsets.get(complete));
        }
    }

    @Test
    void shouldTruncateZerosAfterTheLastRecordAsATornTail() throws IOException {
        Path path = file("zeros", Arrays.copyOf(original, original.length + 4096));

        Replayed replayed = open(path);

        assertThat(replayed.payloads).hasSize(RECORDS);
        assertThat(replayed.recovery.tornTailBytes()).isEqualTo(4096);
    }

    @Test
    void shouldAppendAfterATruncatedTornTailAsAfterACleanEnd() throws IOException {
        long last = offsets.get(RECORDS - 1);
        Path path = file("continued", Arrays.copyOf(original, (int) last + 11));
        try (Journal journal = Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(), JournalRecoveryTest::none)) {
            journal.append(payload(99));
            journal.commit();
        }

        List<byte[]> expected = payloads(RECORDS - 1);
        expected.add(payload(99));
        assertThat(open(path).payloads).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldRefuseWithTheRecordsOffsetWhenAnyByteOfAnEarlierRecordIsFlipped() throws IOException {
        for (int record = 0; record < RECORDS - 1; record++) {
            long start = offsets.get(record);
            for (long at = start; at < offsets.get(record + 1); at++) {
                byte[] damaged = original.clone();
                damaged[(int) at] ^= (byte) (1 << (at % 8));
                Path path = file("flipped-" + at, damaged);

                long badRecord = start;
                assertThatThrownBy(() -> open(path)).as("byte %d flipped", at)
                    .isInstanceOfSatisfying(JournalCorruptedException.class, e -> {
                        assertThat(e.offset()).isEqualTo(badRecord);
                        assertThat(e.getMessage()).contains("corrupt at byte offset " + badRecord)
                            .contains("refusing to start").contains(path.toString());
                    });
                assertThat(Files.readAllBytes(path)).as("a refused journal is left as it was").isEqualTo(damaged);
            }
        }
    }

    @Test
    void shouldRefuseAFileOfAnotherFormat() throws IOException {
        byte[] otherMagic = original.clone();
        otherMagic[0] = 'X';
        assertThatThrownBy(() -> open(file("magic", otherMagic)))
            .isInstanceOfSatisfying(JournalCorruptedException.class, e -> assertThat(e.offset()).isZero())
            .hasMessageContaining("TSJOURNL");

        byte[] otherVersion = original.clone();
        otherVersion[JournalDescriptor.VERSION_OFFSET + 3] = 2;
        assertThatThrownBy(() -> open(file("version", otherVersion)))
            .isInstanceOfSatisfying(JournalCorruptedException.class,
                e -> assertThat(e.offset()).isEqualTo(JournalDescriptor.VERSION_OFFSET))
            .hasMessageContaining("format version 2");

        assertThatThrownBy(() -> open(file("short", "hello".getBytes(StandardCharsets.US_ASCII))))
            .isInstanceOf(JournalCorruptedException.class);
    }

    @Test
    void shouldStartANewJournalOverAHeaderCutByACrash() throws IOException {
        Path path = file("torn-header", Arrays.copyOf(original, 5));

        Replayed replayed = open(path);

        assertThat(replayed.payloads).isEmpty();
        assertThat(replayed.recovery).isEqualTo(new Recovery(0, JournalDescriptor.HEADER_LENGTH, 5, true));
        assertThat(Files.readAllBytes(path)).isEqualTo(Arrays.copyOf(original, JournalDescriptor.HEADER_LENGTH));
    }

    @Test
    void shouldRefuseARecordItsReaderDoesNotUnderstandWithItsOffset() throws IOException {
        Path path = file("not-understood", original);
        long third = offsets.get(2);
        int[] seen = {0};

        assertThatThrownBy(() -> Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(), (offset, bytes, from, length) -> {
            if (++seen[0] == 3) {
                throw new IllegalArgumentException("unknown record type");
            }
        })).isInstanceOfSatisfying(JournalCorruptedException.class, e -> assertThat(e.offset()).isEqualTo(third))
            .hasMessageContaining("unknown record type");
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name + ".journal"), bytes);
    }

    private static Replayed open(Path path) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        try (Journal journal = Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(),
                (offset, bytes, from, length) -> payloads.add(Arrays.copyOfRange(bytes, from, from + length)))) {
            return new Replayed(payloads, journal.recovery());
        }
    }

    private record Replayed(List<byte[]> payloads, Recovery recovery) {
    }

    /** About 300 bytes, of varying length, distinct per record. */
    static byte[] payload(int i) {
        StringBuilder text = new StringBuilder("{\"record\":" + i + ",\"text\":\"");
        int length = 260 + (i * 37) % 80;
        while (text.length() < length) {
            text.append((char) ('a' + (text.length() * 7 + i) % 26));
        }
        return text.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<byte[]> payloads(int count) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add(payload(i));
        }
        return payloads;
    }

    private static void none(long offset, byte[] bytes, int from, int length) {
    }
}
