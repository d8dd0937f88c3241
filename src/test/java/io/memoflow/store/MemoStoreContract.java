package io.memoflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.UnknownMemoException;
import io.memoflow.store.MemoStore.ContentClaim;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoStore} does, whatever keeps the memoranda: the file store and the
 * PostgreSQL store run these same tests (a subclass each), so the PostgreSQL store is shown to
 * behave as the file store does.
 */
abstract class MemoStoreContract {

    private final List<MemoStore> opened = new ArrayList<>();

    /** A store instance on this test's (initially empty) location; each call opens another instance on the same location. */
    protected abstract MemoStore newInstance();

    /** Checks the store left nothing half-written behind (the file store: no temporary files). */
    protected void assertNothingHalfWritten() {
    }

    protected final MemoStore open() {
        MemoStore s = newInstance();
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeInstances() {
        for (MemoStore s : opened) {
            if (!(s instanceof FileMemoStore)) { // closing the file store marks a clean stop, which some tests check themselves
                s.close();
            }
        }
    }

    static Memo memo(String ref) {
        Memo m = new Memo();
        m.reference = ref;
        m.title = "Title of " + ref;
        m.created = Instant.parse("2026-11-29T10:00:00Z");
        m.version = 1;
        return m;
    }

    @Test
    void referencesAreUniqueAndNeverReusedAcrossRestarts() {
        MemoStore first = open();
        String a = first.allocateReference("MOU", 2026);
        String b = first.allocateReference("MOU", 2026);
        assertThat(a).isEqualTo("MOU-2026-0001");
        assertThat(b).isEqualTo("MOU-2026-0002");
        // b is reserved but never used (as after a crash): a restarted store skips it too
        first.create(memo(a));
        MemoStore restarted = open();
        assertThat(restarted.allocateReference("MOU", 2026)).isEqualTo("MOU-2026-0003");
        assertThat(restarted.allocateReference("MOU", 2027)).isEqualTo("MOU-2027-0001");
        assertThat(restarted.allocateReference("DGSN", 2026)).isEqualTo("DGSN-2026-0001");
    }

    @Test
    void concurrentAllocationsNeverHandOutTheSameReference() throws Exception {
        MemoStore one = open();
        MemoStore two = open(); // as two processes sharing the store would
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            MemoStore s = i % 2 == 0 ? one : two;
            futures.add(pool.submit(() -> s.allocateReference("MOU", 2026)));
        }
        List<String> refs = new ArrayList<>();
        for (Future<String> f : futures) {
            refs.add(f.get());
        }
        pool.shutdown();
        assertThat(refs).doesNotHaveDuplicates().hasSize(200);
    }

    @Test
    void aMemorandumIsCreatedOnceAndReadBackAsStored() {
        MemoStore store = open();
        String ref = store.allocateReference("MOU", 2026);
        Memo m = memo(ref);
        m.title = "مذكرة تفاهم — Memorandum";
        store.create(m);
        assertThat(open().find(ref).orElseThrow().title).isEqualTo("مذكرة تفاهم — Memorandum");
        assertThatThrownBy(() -> store.create(memo(ref))).hasMessageContaining("already exists");
    }

    @Test
    void anUpdateIsPersistedAndOneThatThrowsChangesNothing() {
        MemoStore store = open();
        String ref = store.allocateReference("MOU", 2026);
        store.create(memo(ref));
        store.update(ref, m -> {
            m.title = "Changed";
            return null;
        });
        assertThat(open().find(ref).orElseThrow().title).isEqualTo("Changed");
        assertThatThrownBy(() -> store.update(ref, m -> {
            m.title = "Half-done";
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.find(ref).orElseThrow().title).isEqualTo("Changed");
        assertNothingHalfWritten();
    }

    @Test
    void updatesOfOneMemorandumAreSerialised() throws Exception {
        MemoStore store = open();
        String ref = store.allocateReference("MOU", 2026);
        store.create(memo(ref));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(pool.submit(() -> store.update(ref, m -> {
                m.workSeq++;
                return null;
            })));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.find(ref).orElseThrow().workSeq).isEqualTo(100);
    }

    @Test
    void anUnknownOrMalformedReferenceIsReportedNotResolvedAsAPath() {
        MemoStore store = open();
        assertThat(store.find("MOU-2026-9999")).isEmpty();
        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.getFile("../../etc", "passwd")).isEmpty();
        assertThatThrownBy(() -> store.update("../x", m -> null)).isInstanceOf(UnknownMemoException.class)
                .hasMessageContaining("There is no memorandum with the reference ../x");
        assertThatThrownBy(() -> store.update("MOU-2026-9999", m -> null)).isInstanceOf(UnknownMemoException.class);
    }

    @Test
    void aMemorandumsFilesAreStoredReplacedAndReadBack() {
        MemoStore store = open();
        String ref = store.allocateReference("MOU", 2026);
        store.create(memo(ref));
        store.putFile(ref, "v1.md", "first".getBytes());
        store.putFile(ref, "v1.md", "second".getBytes());
        assertThat(open().getFile(ref, "v1.md")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("second"));
        assertThat(store.getFile(ref, "v2.md")).isEmpty();
        assertThatThrownBy(() -> store.putFile(ref, "../escape", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTextIsClaimedOnceEvenUnderARace() throws Exception {
        MemoStore store = open();
        String sha = "ab".repeat(32);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> wins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            wins.add(pool.submit(() -> store.claimContent(sha, new ContentClaim("MOU-2026-000" + (n % 9 + 1), 1, "k" + n)).isEmpty()));
        }
        int won = 0;
        for (Future<Boolean> f : wins) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        ContentClaim claim = store.findClaim(sha).orElseThrow();
        assertThat(store.claimContent(sha, new ContentClaim("MOU-2026-0042", 2, "other"))).contains(claim);
        assertThat(store.findClaim("cd".repeat(32))).isEmpty();
        assertThatThrownBy(() -> store.findClaim("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theListShowsTheLatestStateNewestFirstAndUnfinishedOnesInOrder() {
        MemoStore store = open();
        threeMemorandaTheSecondCompleted(store);
        assertThat(store.list()).extracting(MemoSummary::reference).containsExactly("MOU-2026-0003", "MOU-2026-0002", "MOU-2026-0001");
        assertThat(store.list().get(1).state()).isEqualTo(MemoState.COMPLETED);
        assertThat(store.list().get(1).title()).isEqualTo("Title of MOU-2026-0002");
        assertThat(open().unfinished()).containsExactly("MOU-2026-0001", "MOU-2026-0003");
    }

    /** MOU-2026-0001 to -0003 in a new store, the second completed. */
    static void threeMemorandaTheSecondCompleted(MemoStore store) {
        for (int i = 0; i < 3; i++) {
            store.create(memo(store.allocateReference("MOU", 2026)));
        }
        store.update("MOU-2026-0002", m -> {
            m.state = MemoState.COMPLETED;
            return null;
        });
    }
}
