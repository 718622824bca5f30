package io.tradingstack.journal;

import static io.tradingstack.journal.JournalRecoveryTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Appending and committing: the flush each policy promises, nothing on disk before a commit, and
 * a failed write or fsync (injected through the channel seam) failing the journal for good.
 */
class JournalTest {

    @TempDir
    Path directory;

    private final FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();

    @ParameterizedTest
    @CsvSource({"PAGE_CACHE, 0", "BATCH, 3", "RECORD, 12"})
    void shouldForceAsThePolicySays(FlushPolicy policy, int forces) throws IOException {
        try (Journal journal = open(directory.resolve("forces.journal"), policy)) {
            int atOpen = faults.forces();
            for (int commit = 0; commit < 3; commit++) {
                for (int i = 0; i < 4; i++) {
                    journal.append(payload(commit * 4 + i));
                }
                journal.commit();
            }
            assertThat(faults.forces() - atOpen).isEqualTo(forces);
            assertThat(journal.records()).isEqualTo(12);
            assertThat(journal.commits()).isEqualTo(3);
        }
        assertThat(replay(directory.resolve("forces.journal"))).hasSize(12);
    }

    @ParameterizedTest
    @EnumSource(FlushPolicy.class)
    void shouldWriteNothingBeforeACommitAndDropWhatWasNotCommittedAtClose(FlushPolicy policy) throws IOException {
        Path path = directory.resolve("uncommitted.journal");
        try (Journal journal = open(path, policy)) {
            journal.append(payload(0));
            journal.commit();
            int writes = faults.writes();
            journal.append(payload(1));
            journal.append(payload(2));
            assertThat(faults.writes()).isEqualTo(writes);
            journal.commit(); // an empty commit changes nothing either
            journal.append(payload(3));
        }
        assertThat(replay(path)).containsExactly(payload(0), payload(1), payload(2));
    }

    @Test
    void shouldCountRecordsAndBytesAcrossARestart() throws IOException {
        Path path = directory.resolve("counted.journal");
        long size;
        try (Journal journal = open(path, FlushPolicy.BATCH)) {
            journal.append(payload(0));
            journal.append(payload(1));
            journal.commit();
            size = journal.size();
            assertThat(size).isEqualTo(Files.size(path)).isEqualTo(JournalDescriptor.HEADER_LENGTH
                + 2L * JournalDescriptor.RECORD_HEADER_LENGTH + payload(0).length + payload(1).length);
        }
        try (Journal journal = open(path, FlushPolicy.BATCH)) {
            assertThat(journal.recovery()).isEqualTo(new Recovery(2, size, 0, false));
            assertThat(journal.records()).isEqualTo(2);
            assertThat(journal.size()).isEqualTo(size);
        }
    }

    @ParameterizedTest
    @EnumSource(FlushPolicy.class)
    void shouldFailForGoodWhenAWriteFailsAndKeepWhatWasCommittedBefore(FlushPolicy policy) throws IOException {
        Path path = directory.resolve("write-failure.journal");
        try (Journal journal = open(path, policy)) {
            journal.append(payload(0));
            journal.commit();
            faults.failWrites();
            journal.append(payload(1));

            assertThatThrownBy(journal::commit).isInstanceOf(JournalFailedException.class)
                .hasMessageContaining("write at byte offset").hasRootCauseMessage("injected write failure: No space left on device");
            assertThat(journal.isFailed()).isTrue();
            assertThat(journal.failure()).hasMessageContaining(path.toString());
            assertThatThrownBy(() -> journal.append(payload(2))).isInstanceOf(JournalFailedException.class);
            assertThatThrownBy(journal::commit).isInstanceOf(JournalFailedException.class);
        }
        assertThat(replay(path)).containsExactly(payload(0));
    }

    @ParameterizedTest
    @EnumSource(value = FlushPolicy.class, names = {"BATCH", "RECORD"})
    void shouldFailForGoodWhenAnFsyncFailsAndTakeNoMoreRecords(FlushPolicy policy) throws IOException {
        Path path = directory.resolve("fsync-failure.journal");
        try (Journal journal = open(path, policy)) {
            journal.append(payload(0));
            journal.commit();
            faults.failForces();
            journal.append(payload(1));
            journal.append(payload(2));

            assertThatThrownBy(journal::commit).isInstanceOf(JournalFailedException.class)
                .hasMessageContaining("fsync").hasRootCauseMessage("injected fsync failure: Input/output error");
            int writes = faults.writes();
            assertThatThrownBy(() -> journal.append(payload(3))).isInstanceOf(JournalFailedException.class);
            assertThatThrownBy(journal::commit).isInstanceOf(JournalFailedException.class);
            assertThat(faults.writes()).as("nothing written after the failure").isEqualTo(writes);
            assertThat(journal.records()).as("the failed batch is not counted as stored").isEqualTo(1);
        }
        // The failed batch reached the page cache here, so it may be in the file: in doubt, never lost before it.
        List<byte[]> replayed = replay(path);
        assertThat(replayed.get(0)).isEqualTo(payload(0));
        assertThat(replayed).hasSizeBetween(1, 3);
    }

    @Test
    void shouldRefuseARecordOfImpossibleLength() throws IOException {
        try (Journal journal = open(directory.resolve("lengths.journal"), FlushPolicy.BATCH)) {
            assertThatThrownBy(() -> journal.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.append(new byte[JournalDescriptor.MAX_RECORD_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
            journal.append(new byte[JournalDescriptor.MAX_RECORD_LENGTH]);
            journal.commit();
            assertThat(journal.isFailed()).isFalse();
        }
    }

    @Test
    void shouldRefuseASecondWriterOfTheSameFile() throws IOException {
        Path path = directory.resolve("locked.journal");
        try (Journal journal = open(path, FlushPolicy.BATCH)) {
            assertThatThrownBy(() -> open(path, FlushPolicy.BATCH)).isInstanceOf(IOException.class)
                .hasMessageContaining("open in this JVM already");
        }
        try (Journal reopened = open(path, FlushPolicy.BATCH)) {
            assertThat(reopened.recovery().created()).isFalse();
        }
    }

    @Test
    void shouldCreateMissingDirectories() throws IOException {
        Path path = directory.resolve("a").resolve("b").resolve("orders.journal");
        try (Journal journal = open(path, FlushPolicy.BATCH)) {
            assertThat(journal.recovery().created()).isTrue();
        }
        assertThat(Files.size(path)).isEqualTo(JournalDescriptor.HEADER_LENGTH);
    }

    private Journal open(Path path, FlushPolicy policy) throws IOException {
        return Journal.open(path, policy, FaultyJournalChannel.factory(faults), (offset, bytes, from, length) -> {
        });
    }

    private static List<byte[]> replay(Path path) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(),
            (offset, bytes, from, length) -> payloads.add(Arrays.copyOfRange(bytes, from, from + length))).close();
        return payloads;
    }
}
