package io.memoflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL store: the same contract as the file store, and what several instances sharing it need. */
@ExtendWith(Postgres.class)
class PostgresMemoStoreTest extends MemoStoreContract {

    private Database db;

    @BeforeEach
    void freshDatabase() {
        db = Postgres.freshDatabase();
    }

    @Override
    protected MemoStore newInstance() {
        return new PostgresMemoStore(db.url(), db.user(), db.password(), 4);
    }

    @Test
    void updatesFromTwoInstancesOfTheStoreAreSerialisedByTheRowLock() throws Exception {
        MemoStore one = open();
        MemoStore two = open(); // two nodes
        String ref = one.allocateReference("MOU", 2026);
        one.create(memo(ref));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            MemoStore s = i % 2 == 0 ? one : two;
            futures.add(pool.submit(() -> s.update(ref, m -> {
                m.workSeq++;
                return null;
            })));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(two.find(ref).orElseThrow().workSeq).isEqualTo(120);
    }

    @Test
    void aChangeInProgressHoldsTheRowSoAnotherNodeWaitsForIt() throws Exception {
        MemoStore one = open();
        MemoStore two = open();
        String ref = one.allocateReference("MOU", 2026);
        one.create(memo(ref));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> holder = pool.submit(() -> one.update(ref, m -> {
            inside.countDown();
            await(release);
            m.title = "first";
            return null;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<String> waiter = pool.submit(() -> two.update(ref, m -> m.title));
        Thread.sleep(300); // not a timing assertion: the waiter must still be blocked while the row is held
        assertThat(waiter).isNotDone();
        release.countDown();
        holder.get();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("first"); // it saw the first change, not the state before it
        pool.shutdown();
    }

    @Test
    void oneNodeAtATimeHoldsAMemorandumsWorkAndAnExpiredLeaseIsTakenOver() {
        MemoStore a = open();
        MemoStore b = open();
        Duration minute = Duration.ofMinutes(1);
        assertThat(a.leaseWork("MOU-2026-0001", "node-a", minute)).isTrue();
        assertThat(a.leaseWork("MOU-2026-0001", "node-a", minute)).as("renewed by its holder").isTrue();
        assertThat(b.leaseWork("MOU-2026-0001", "node-b", minute)).as("held by node-a").isFalse();
        assertThat(b.leaseWork("MOU-2026-0002", "node-b", minute)).as("another memorandum").isTrue();
        a.releaseWork("MOU-2026-0001", "node-b"); // not node-b's to give up
        assertThat(b.leaseWork("MOU-2026-0001", "node-b", minute)).isFalse();
        a.releaseWork("MOU-2026-0001", "node-a");
        assertThat(b.leaseWork("MOU-2026-0001", "node-b", minute)).as("given up").isTrue();
        assertThat(b.renewWork("node-b", Duration.ofMillis(-1))).as("both of node-b's leases, now expired").isEqualTo(2);
        assertThat(a.leaseWork("MOU-2026-0002", "node-a", minute)).as("a dead node's expired lease is taken over").isTrue();
        assertThat(a.renewWork("node-a", minute)).isEqualTo(1);
    }

    @Test
    void theSharedFilesAreMadeOnceAndEveryNodeGetsTheSame(@TempDir Path nodes) throws Exception {
        PostgresMemoStore one = (PostgresMemoStore) open();
        PostgresMemoStore two = (PostgresMemoStore) open();
        Path a = Files.createDirectories(nodes.resolve("a"));
        Path b = Files.createDirectories(nodes.resolve("b"));
        one.shareFolder(a, () -> write(a.resolve("token.secret"), "made by a"));
        two.shareFolder(b, () -> {
            if (!Files.exists(b.resolve("token.secret"))) {
                write(b.resolve("token.secret"), "made by b");
            }
        });
        assertThat(b.resolve("token.secret")).hasContent("made by a");
        write(b.resolve("token.secret"), "changed locally");
        two.shareFolder(b, () -> { });
        assertThat(b.resolve("token.secret")).hasContent("made by a");
    }

    @Test
    void aWrongPasswordOrAnUnreachableServerIsReportedWithWhatToCheck() {
        assertThatThrownBy(() -> new PostgresMemoStore(db.url(), db.user(), "wrong", 1))
                .hasMessageContaining("Cannot connect to the store").hasMessageContaining("memoflow.store.user");
        assertThatThrownBy(() -> new PostgresMemoStore("jdbc:mysql://x/y", db.user(), "x", 1))
                .hasMessageContaining("jdbc:postgresql://");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
