package io.tradingstack.ordermanager.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.JournalCorruptedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class JournalCorruptedFailureAnalyzerTest {

    @Test
    void shouldExplainADamagedJournalWithItsOffsetAndWhatToDo() {
        JournalCorruptedException corrupt = new JournalCorruptedException(Path.of("/data/orders.journal"), 4242, "CRC mismatch");

        FailureAnalysis analysis = new JournalCorruptedFailureAnalyzer()
            .analyze(new BeanCreationException("orderStore", "failed", corrupt));

        assertThat(analysis.getDescription()).contains("/data/orders.journal is corrupt at byte offset 4242: CRC mismatch");
        assertThat(analysis.getAction()).contains("byte offset 4242").contains("Restore").contains("move it away");
    }
}
