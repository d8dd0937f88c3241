package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.testing.TestHomes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Inputs are files memoflow is given, read once, safely: links, files with several names, pipes
 * and folders in the intake folders are refused with their reason and never read through; files
 * dated in the future or with odd names are taken or refused with a reason, never left without a
 * trace; and what memoflow writes is readable by its own user and group only.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/IntakeSafetyRouteTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "memoflow.workflow.default=auto",
        "memoflow.author.default=author@police.example"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeSafetyRouteTest {

    static final Path HOME = TestHomes.fresh("IntakeSafetyRouteTest");
    static final Path ELSEWHERE = TestHomes.fresh("IntakeSafetyRouteTest-elsewhere");
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeanInject
    Memoflow memoflow;

    private static Path secret(String name, String marker) throws IOException {
        Path secret = ELSEWHERE.resolve(name);
        Files.writeString(secret, "# Password " + marker + "\n\n" + marker + "\n");
        Files.setPosixFilePermissions(secret, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        return secret;
    }

    /** The reason file in rejected/ for an input whose safe name contains the fragment, and the input moved beside it. */
    private static String rejectedReason(String nameFragment) {
        Awaitility.await().atMost(WAIT).until(() -> TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .anyMatch(p -> p.getFileName().toString().contains(nameFragment)));
        Path reason = TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .filter(p -> p.getFileName().toString().contains(nameFragment)).findFirst().orElseThrow();
        Path input = reason.resolveSibling(reason.getFileName().toString().replaceFirst("\\.error\\.txt$", ""));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(input, LinkOption.NOFOLLOW_LINKS));
        return TestHomes.read(reason);
    }

    private void goodDraftStillFlows(String title) {
        TestHomes.drop(HOME.resolve("inbox"), title.replace(' ', '-') + ".md", "# " + title + "\n\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals(title)));
    }

    /** Every regular file under the home folder, links not followed, except the given file itself (by identity). */
    private static List<Path> filesUnderHomeOtherThan(Path own) throws IOException {
        Object ownKey = Files.readAttributes(own, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(HOME)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && !Objects.equals(a.fileKey(), ownKey)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void assertBytesNowhereUnderHome(Path secret, String marker) throws IOException {
        for (Path p : filesUnderHomeOtherThan(secret)) {
            String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertThat(text).as("%s holds no copy of the secret", p).doesNotContain(marker);
        }
    }

    @Test
    void aSymbolicLinkToASecretFileIsRefusedMovedAsALinkAndNeverReadThrough() throws Exception {
        Path secret = secret("password-link.txt", "SECRET-LINK-4711");
        FileTime modified = Files.getLastModifiedTime(secret);
        Files.createSymbolicLink(HOME.resolve("inbox").resolve("link.md"), secret);

        assertThat(rejectedReason("link.md")).contains("This is a symbolic link")
                .contains("did not look at what it points to").contains("Copy the file itself into inbox/")
                .doesNotContain(secret.toString()).doesNotContain("SECRET-LINK-4711");
        Path moved = TestHomes.files(HOME.resolve("rejected"), "*link.md").get(0);
        assertThat(Files.isSymbolicLink(moved)).as("the link itself is moved, not a copy of its target").isTrue();
        assertThat(Files.readString(secret)).isEqualTo("# Password SECRET-LINK-4711\n\nSECRET-LINK-4711\n");
        assertThat(Files.getLastModifiedTime(secret)).isEqualTo(modified);
        goodDraftStillFlows("After the link");
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().contains("SECRET-LINK-4711"));
        assertBytesNowhereUnderHome(secret, "SECRET-LINK-4711");
    }

    @Test
    void aSymbolicLinkInTheDecisionsFolderIsRefusedTheSameWay() throws Exception {
        Path secret = ELSEWHERE.resolve("decision-secret.txt");
        Files.writeString(secret, "memo: MOU-2026-0001\nby: a@x.example\ndecision: approve\ncomment: SECRET-DECISION-99\n");
        Files.createSymbolicLink(HOME.resolve("decisions").resolve("linked.decision"), secret);
        assertThat(rejectedReason("linked.decision")).contains("This is a symbolic link").contains("Copy the file itself into decisions/");
        assertBytesNowhereUnderHome(secret, "SECRET-DECISION-99");
    }

    @Test
    void aHardLinkToASecretFileIsRefusedUnreadAndTheSecretIsNotCopied() throws Exception {
        Path secret = secret("password-hard.txt", "SECRET-HARD-0815");
        Files.createLink(HOME.resolve("inbox").resolve("hard.md"), secret);

        assertThat(rejectedReason("hard.md")).contains("This file has 2 names on the disk (hard links)").contains("It did not read it")
                .doesNotContain("SECRET-HARD-0815");
        assertThat(Files.readString(secret)).isEqualTo("# Password SECRET-HARD-0815\n\nSECRET-HARD-0815\n");
        assertThat(Files.getAttribute(secret, "unix:nlink")).as("the link was moved (renamed), not copied").isEqualTo(2);
        goodDraftStillFlows("After the hard link");
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().contains("SECRET-HARD-0815"));
        assertBytesNowhereUnderHome(secret, "SECRET-HARD-0815");
    }

    @Test
    void aNamedPipeIsRefusedWithoutBeingOpenedAndDoesNotBlockTheInbox() throws Exception {
        Path fifo = HOME.resolve("inbox").resolve("pipe.md");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as("mkfifo: %s", new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();

        assertThat(rejectedReason("pipe.md")).contains("This is a named pipe (FIFO), not a file").contains("did not open it");
        Path moved = TestHomes.files(HOME.resolve("rejected"), "*pipe.md").get(0);
        assertThat(Files.readAttributes(moved, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        goodDraftStillFlows("After the pipe");
    }

    @Test
    void aFolderAndALinkToNothingAreLeftInPlaceWithTheirReasonSaidOnce() throws Exception {
        Files.createDirectory(HOME.resolve("inbox").resolve("folder.md"));
        Files.createSymbolicLink(HOME.resolve("inbox").resolve("dangling.md"), ELSEWHERE.resolve("no-such-file"));

        assertThat(awaitReasonLeftInPlace("folder.md")).contains("This is a folder").contains("left in inbox/ unchanged");
        assertThat(awaitReasonLeftInPlace("dangling.md")).contains("This is a symbolic link (to a folder, or to nothing)");
        goodDraftStillFlows("After the folder");
        Thread.sleep(500); // several more looks at the folder
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*folder.md*")).hasSize(1);
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*dangling.md*")).hasSize(1);
        assertThat(HOME.resolve("inbox").resolve("folder.md")).isDirectory();
        assertThat(Files.isSymbolicLink(HOME.resolve("inbox").resolve("dangling.md"))).isTrue();
    }

    private static String awaitReasonLeftInPlace(String nameFragment) {
        Awaitility.await().atMost(WAIT).until(() -> TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .anyMatch(p -> p.getFileName().toString().contains(nameFragment)));
        return TestHomes.read(TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .filter(p -> p.getFileName().toString().contains(nameFragment)).findFirst().orElseThrow());
    }

    @Test
    void aDraftDatedInTheFutureIsTaken() throws Exception {
        Path draft = TestHomes.drop(HOME.resolve("inbox"), "future.md", "# Dated in the future\n\nText.\n");
        Files.setLastModifiedTime(draft, FileTime.from(Instant.now().plus(Duration.ofDays(1))));
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("Dated in the future")));
        // the memorandum is stored before Camel's on-completion moves the file away: wait for the move too
        Awaitility.await().atMost(WAIT).until(() -> TestHomes.files(HOME.resolve("inbox"), "future.md").isEmpty());
    }

    @Test
    void aDraftWithABackslashInItsNameIsLeftInPlaceWithItsReasonSaidOnce() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "back\\slash.md", "# Backslash\n\nText.\n");
        assertThat(awaitReasonLeftInPlace("back_slash.md")).contains("\"back\\slash.md\"").contains("Its name has a backslash")
                .contains("Rename it without the backslash");
        goodDraftStillFlows("After the backslash");
        Thread.sleep(500);
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*back_slash.md*")).hasSize(1);
        assertThat(HOME.resolve("inbox").resolve("back\\slash.md")).exists();
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().equals("Backslash"));
    }

    @Test
    void aDraftWithANewlineAndControlCharactersInItsNameIsTaken() {
        TestHomes.drop(HOME.resolve("inbox"), "odd\nname\u0007.md", "# Odd name\n\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("Odd name")));
    }

    @Test
    void whatMemoflowWritesIsReadableByItsOwnUserAndGroupOnly() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "private.md", "# Private memorandum\n\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "refused.md", "---\nworkflow: nope\n---\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("Private memorandum")));
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Private memorandum")).findFirst().orElseThrow()
                .reference();
        rejectedReason("refused.md");
        List<Path> written = new ArrayList<>();
        written.add(TestHomes.await(HOME.resolve("signed"), ref + ".pdf", 1, WAIT).get(0));
        written.addAll(TestHomes.await(HOME.resolve("outbox"), "*" + ref + "*.eml", 1, WAIT));
        written.addAll(TestHomes.files(HOME.resolve("data/memos").resolve(ref), "*"));
        written.addAll(TestHomes.files(HOME.resolve("rejected"), "*refused.md.error.txt"));
        written.add(HOME.resolve("data/index.tsv"));
        assertThat(written).hasSizeGreaterThan(4);
        for (Path p : written) {
            assertThat(Files.getPosixFilePermissions(p)).as("permissions of %s", p)
                    .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE)
                    .doesNotContain(PosixFilePermission.GROUP_WRITE);
        }
        for (Path dir : List.of(HOME.resolve("data/memos").resolve(ref), HOME.resolve("signed"), HOME.resolve("rejected"))) {
            assertThat(Files.getPosixFilePermissions(dir)).as("permissions of %s", dir)
                    .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        }
    }

    static {
        try {
            Files.createDirectories(ELSEWHERE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
