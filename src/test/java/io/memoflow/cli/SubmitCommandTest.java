package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.camel.StableFiles;
import io.memoflow.config.MemoflowSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memoflow submit} hands a draft over complete, so the daemon does not wait for it to stop changing. */
class SubmitCommandTest {

    private static final String DRAFT = "---\ntitle: Patrols\nparties:\n  - name: One\n    signatory: S One\n    email: s1@one.example\n"
            + "---\nThe text.\n";

    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    @Test
    void aDraftSubmittedRightAfterItWasWrittenIsTakenAtTheFirstLookWithoutTheCompletenessWait() throws Exception {
        Path draft = Files.writeString(elsewhere.resolve("memo.md"), DRAFT);
        Path inInbox = SubmitCommand.handOver(home, draft, MemoflowSettings.of(home, Map.of()));

        assertThat(inInbox.getParent()).isEqualTo(home.resolve("inbox"));
        assertThat(Files.readString(inInbox)).isEqualTo(DRAFT);
        SteppingClock clock = new SteppingClock();
        assertThat(new StableFiles(clock, 2000, 1, 60_000).acquireExclusiveReadLock(null, listed(inInbox), null)).isTrue();
        assertThat(clock.reads).as("clock reads before the submitted draft was taken").isLessThanOrEqualTo(2);
    }

    @Test
    void aDraftWrittenIntoTheInboxItselfIsStillTakenOnlyOnceItHasNotChangedForTheWait() throws Exception {
        Path written = Files.writeString(Files.createDirectories(home.resolve("inbox")).resolve("memo.md"), DRAFT);

        SteppingClock clock = new SteppingClock();
        assertThat(new StableFiles(clock, 2000, 1, 60_000).acquireExclusiveReadLock(null, listed(written), null)).isTrue();
        assertThat(clock.reads * SteppingClock.STEP_MS).as("ms waited on the clock").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aSubmittedDraftKeepsItsOwnEarlierTime() throws Exception {
        Path draft = Files.writeString(elsewhere.resolve("memo.md"), DRAFT);
        FileTime written = FileTime.from(Instant.parse("2026-01-05T09:30:00Z"));
        Files.setLastModifiedTime(draft, written);

        Path inInbox = SubmitCommand.handOver(home, draft, MemoflowSettings.of(home, Map.of()));

        assertThat(Files.getLastModifiedTime(inInbox)).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(draft)).isEqualTo(written);
    }

    private static GenericFile<File> listed(Path p) {
        GenericFile<File> g = new GenericFile<>();
        g.setFile(p.toFile());
        return g;
    }

    /** A clock that moves on 10 ms each time it is read, from the real time it was made at. */
    private static final class SteppingClock extends Clock {
        static final long STEP_MS = 10;
        private final long start = System.currentTimeMillis();
        int reads;

        @Override
        public long millis() {
            return start + STEP_MS * reads++;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
