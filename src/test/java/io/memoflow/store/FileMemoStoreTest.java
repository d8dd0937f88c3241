package io.memoflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store: the contract every store meets, and what is the file store's own (its index, its files). */
class FileMemoStoreTest extends MemoStoreContract {

    @TempDir
    Path data;

    @Override
    protected MemoStore newInstance() {
        return new FileMemoStore(data);
    }

    @Override
    protected void assertNothingHalfWritten() {
        assertThat(leftoverTemporaries()).isEmpty();
    }

    @Test
    void theIndexListsTheLatestStateAndIsRebuiltFromTheMemoFiles() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        threeMemorandaTheSecondCompleted(store);
        assertThat(store.list()).extracting(MemoSummary::reference).containsExactly("MOU-2026-0003", "MOU-2026-0002", "MOU-2026-0001");
        assertThat(store.list().get(1).state()).isEqualTo(MemoState.COMPLETED);
        // a crash can lose the index line of the last change; the memo files are the truth
        Files.writeString(data.resolve("index.tsv"), "MOU-2026-0001\tIN_REV");
        assertThat(store.rebuildIndex()).isEqualTo(3);
        assertThat(store.list()).hasSize(3);
        assertThat(store.unfinished()).containsExactly("MOU-2026-0001", "MOU-2026-0003");
    }

    @Test
    void aDaemonStartAfterAnUncleanStopRebuildsTheIndexAndAfterACleanStopTrustsIt() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        assertThat(store.open()).isEqualTo(0); // first start: nothing to trust yet
        store.create(memo(store.allocateReference("MOU", 2026)));
        store.close();
        assertThat(data.resolve("clean-stop")).exists();

        FileMemoStore next = new FileMemoStore(data);
        assertThat(next.open()).isEqualTo(-1);
        assertThat(data.resolve("clean-stop")).doesNotExist(); // running: a crash from now on is an unclean stop
        next.create(memo(next.allocateReference("MOU", 2026)));
        Files.writeString(data.resolve("index.tsv"), ""); // the crash lost the index lines

        FileMemoStore afterCrash = new FileMemoStore(data);
        assertThat(afterCrash.open()).isEqualTo(2);
        assertThat(afterCrash.list()).extracting(MemoSummary::reference).containsExactly("MOU-2026-0002", "MOU-2026-0001");
    }

    @Test
    void anIndexRemovedWhileTheDaemonRunsIsRebuiltAtTheNextChangeAndAfterACleanStop() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        store.open();
        for (int i = 0; i < 3; i++) {
            store.create(memo(store.allocateReference("MOU", 2026)));
        }
        Files.delete(data.resolve("index.tsv"));
        store.create(memo(store.allocateReference("MOU", 2026)));
        assertThat(store.list()).extracting(MemoSummary::reference)
                .containsExactly("MOU-2026-0004", "MOU-2026-0003", "MOU-2026-0002", "MOU-2026-0001");

        Files.delete(data.resolve("index.tsv"));
        store.close();
        FileMemoStore next = new FileMemoStore(data);
        next.open();
        assertThat(next.list()).hasSize(4);
        assertThat(next.unfinished()).hasSize(4);
    }

    @Test
    void anIndexLineBeingAppendedIsNotReadYetEvenWhenItStopsInsideAnArabicLetter() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        String ref = store.allocateReference("MOU", 2026);
        Memo m = memo(ref);
        m.title = "مذكرة تفاهم";
        store.create(m);
        Path index = data.resolve("index.tsv");
        byte[] whole = Files.readAllBytes(index);
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.substring(0, text.indexOf('م')).getBytes(StandardCharsets.UTF_8).length + 1;
        // what a reader sees while the daemon appends a second line: it ends in the first byte of a two-byte letter
        Files.write(index, Arrays.copyOf(whole, cut), StandardOpenOption.APPEND);

        assertThat(new FileMemoStore(data).list()).extracting(MemoSummary::reference, MemoSummary::title)
                .containsExactly(tuple(ref, "مذكرة تفاهم"));
    }

    @Test
    void anIndexThatLostLinesIsRebuiltOnStartEvenAfterACleanStop() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        store.open();
        for (int i = 0; i < 3; i++) {
            store.create(memo(store.allocateReference("MOU", 2026)));
        }
        store.close();
        Files.writeString(data.resolve("index.tsv"), Files.readAllLines(data.resolve("index.tsv")).get(0) + "\n");
        FileMemoStore next = new FileMemoStore(data);
        assertThat(next.open()).isEqualTo(3);
        assertThat(next.list()).hasSize(3);
    }

    @Test
    void workKindsWrittenInLowerCaseByEarlierVersionsAreReadAsTheirKind() throws Exception {
        FileMemoStore store = new FileMemoStore(data);
        String ref = store.allocateReference("MOU", 2026);
        Memo m = memo(ref);
        WorkItem w = new WorkItem();
        w.id = ref + "-1-sign";
        w.kind = WorkKind.SIGN;
        m.work.add(w);
        store.create(m);
        Path file = data.resolve("memos").resolve(ref).resolve("memo.json");
        assertThat(Files.readString(file)).contains("\"kind\":\"SIGN\"");
        Files.writeString(file, Files.readString(file).replace("\"kind\":\"SIGN\"", "\"kind\":\"sign\""));
        assertThat(new FileMemoStore(data).find(ref).orElseThrow().work.get(0).kind).isEqualTo(WorkKind.SIGN);
    }

    @Test
    void anIndexLineCarriesAnyTitleIntact() {
        MemoSummary s = new MemoSummary("MOU-2026-0001", "tab\there, line\nbreak, back\\slash — مذكرة", MemoState.IN_REVIEW, 2, "review",
                List.of("a@x.example", "b@x.example"), 3, Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T11:00:00Z"), null);
        assertThat(s.toLine()).doesNotContain("\n");
        assertThat(MemoSummary.fromLine(s.toLine())).isEqualTo(s);
        assertThat(MemoSummary.fromLine("MOU-2026-0001\tIN_REV")).isNull();
    }

    @Test
    void atomicCreateNeverReplacesAnExistingFile() {
        Path target = data.resolve("x.eml");
        assertThat(AtomicFiles.create(target, "first".getBytes())).isTrue();
        assertThat(AtomicFiles.create(target, "second".getBytes())).isFalse();
        assertThat(target).hasContent("first");
        assertThat(leftoverTemporaries()).isEmpty();
    }

    private List<Path> leftoverTemporaries() {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
