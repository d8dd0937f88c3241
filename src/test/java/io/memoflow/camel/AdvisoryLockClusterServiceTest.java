package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster service behind the mailbox's {@code master:} endpoint, against a real PostgreSQL:
 * one node leads a namespace at a time; when the leader's connection is dropped (as PostgreSQL
 * does when a node is killed) another node leads within a few retry periods; a node that stops
 * hands the lead over; the file store's sole node leads at once.
 */
@ExtendWith(Postgres.class)
class AdvisoryLockClusterServiceTest {

    private static final long RETRY_MS = 200;
    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        contexts.forEach(CamelContext::stop);
    }

    @Test
    void oneNodeLeadsAndAnotherTakesOverWhenTheLeadersConnectionIsDropped() throws Exception {
        Database db = Postgres.freshDatabase();
        CamelClusterView a = view(db, "node-a");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.getLocalMember().isLeader());
        CamelClusterView b = view(db, "node-b");
        List<Boolean> bEvents = new ArrayList<>();
        b.addEventListener((CamelClusterEventListener.Leadership) (view, leader) -> bEvents.add(view.getLocalMember().isLeader()));

        // b keeps trying and keeps failing while a holds the lock
        Awaitility.await().during(Duration.ofMillis(5 * RETRY_MS)).atMost(Duration.ofSeconds(5))
                .until(() -> a.getLocalMember().isLeader() && !b.getLocalMember().isLeader());

        assertThat(terminate(db, "node-a")).as("the leader's session was dropped").isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.getLocalMember().isLeader());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !a.getLocalMember().isLeader());
        assertThat(bEvents).contains(true);

        // a leader that stops lets the other lead again
        contexts.get(1).stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.getLocalMember().isLeader());
    }

    @Test
    void theSoleNodeOfAFileStoreLeadsAtOnce() throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        AdvisoryLockClusterService service = AdvisoryLockClusterService.soleNode("only");
        context.addService(service, true, true);
        context.start();
        CamelClusterView view = service.getView("memoflow-mailbox");
        assertThat(view.getLocalMember().isLeader()).isTrue();
        assertThat(view.getLeader()).map(m -> m.getId()).contains("only");
    }

    private CamelClusterView view(Database db, String node) throws Exception {
        CamelContext context = new DefaultCamelContext();
        contexts.add(context);
        Properties login = new Properties();
        login.setProperty("user", db.user());
        login.setProperty("password", db.password());
        login.setProperty("ApplicationName", node);
        AdvisoryLockClusterService service = AdvisoryLockClusterService.postgres(node, () -> DriverManager.getConnection(db.url(), login),
                RETRY_MS);
        context.addService(service, true, true);
        context.start();
        return service.getView("memoflow-mailbox");
    }

    /** Drops the sessions of a node as PostgreSQL does when the node's process dies; returns how many. */
    private static int terminate(Database db, String node) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                        + node + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
