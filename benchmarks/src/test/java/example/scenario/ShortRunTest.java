package example.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A smoke run of the short-run program in process, with few frames. */
class ShortRunTest {
    @Test
    void everyFrameIsReleasedOnce_whenTheProgramRuns() {
        ShortRun.Journal journal = ShortRun.run(300);

        assertThat(journal.balanced()).as(journal.toString()).isTrue();
        assertThat(journal.released).isEqualTo(300);
    }

    @Test
    void nothingIsSent_whenThereAreNoFrames() {
        ShortRun.Journal journal = ShortRun.run(0);

        assertThat(journal.balanced()).as(journal.toString()).isTrue();
        assertThat(journal.journaled).isZero();
    }
}
