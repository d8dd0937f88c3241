package io.memoflow.camel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's cluster service on the shared PostgreSQL store, for the mail route's clustered route
 * policy (the mailbox is read by one node at a time): the leader of a namespace is the node that holds
 * PostgreSQL's session-level advisory lock for it ({@code pg_try_advisory_lock}) on a connection of
 * its own. The other nodes try again every retry period. The lock lives as long as that
 * connection: a node that dies (even by kill -9, which closes its sockets) frees it at once, and
 * a node whose connection breaks gives up the leadership (it checks the connection every retry
 * period) and competes again once it has a new one. No election of memoflow's own: PostgreSQL
 * decides who holds the lock.
 * <p>
 * Without a shared store ({@link #soleNode}) there is one daemon per home folder, and it leads
 * every namespace from its start, as if there were no cluster.
 */
public final class AdvisoryLockClusterService extends AbstractCamelClusterService<AdvisoryLockClusterService.View> {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final String node;
    private final Callable<Connection> connector;
    private final long retryMs;

    private AdvisoryLockClusterService(String node, Callable<Connection> connector, long retryMs) {
        super("memoflow-" + (connector == null ? "sole-node" : "postgresql"));
        this.node = node;
        this.connector = connector;
        this.retryMs = retryMs;
    }

    /** Leadership by PostgreSQL advisory lock, on connections {@code connector} opens (one per namespace, kept open). */
    public static AdvisoryLockClusterService postgres(String node, Callable<Connection> connector, long retryMs) {
        if (retryMs <= 0) {
            throw new IllegalArgumentException("memoflow.cluster.leader-retry-ms is " + retryMs
                    + "; it must be a positive number of milliseconds, such as 2000. Fix it in memoflow.properties.");
        }
        return new AdvisoryLockClusterService(node, connector, retryMs);
    }

    /** The one daemon of a home folder with the file store: leader of every namespace at once. */
    public static AdvisoryLockClusterService soleNode(String node) {
        return new AdvisoryLockClusterService(node, null, 0);
    }

    public String node() {
        return node;
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    /** The lock's key: 64 bits from the namespace, the same on every node. */
    static long key(String namespace) {
        long h = 1125899906842597L;
        for (char c : ("memoflow-cluster:" + namespace).toCharArray()) {
            h = 31 * h + c;
        }
        return h;
    }

    /** One namespace: this node, leader or not, and (with PostgreSQL) its connection and the retry task. */
    final class View extends AbstractCamelClusterView {

        private final Member local = new Member();
        private volatile boolean leader;
        private Connection connection;
        private ScheduledExecutorService executor;

        View(String namespace) {
            super(AdvisoryLockClusterService.this, namespace);
        }

        @Override
        protected void doStart() {
            if (connector == null) {
                leader = true;
                fireLeadershipChangedEvent(local);
                return;
            }
            executor = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "memoflow-leadership-" + getNamespace());
            executor.scheduleWithFixedDelay(this::tick, 0, retryMs, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            if (executor != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(executor);
                executor = null;
            }
            synchronized (this) {
                boolean was = leader;
                leader = false;
                closeConnection(); // frees the lock for the others
                if (was) {
                    LOG.info("Node {} no longer leads {} (stopping)", node, getNamespace());
                    fireLeadershipChangedEvent((CamelClusterMember) null);
                }
            }
        }

        /** Every retry period: the leader checks its connection; the others try to take the lock. */
        private synchronized void tick() {
            try {
                if (leader) {
                    if (!connection.isValid((int) Math.max(1, retryMs / 1000))) {
                        lose("its connection to PostgreSQL broke");
                    }
                    return;
                }
                if (connection == null || connection.isClosed()) {
                    connection = connector.call();
                }
                try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, key(getNamespace()));
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            leader = true;
                            LOG.info("Node {} now leads {} (it holds its advisory lock in PostgreSQL)", node, getNamespace());
                            fireLeadershipChangedEvent(local);
                        }
                    }
                }
            } catch (Exception e) {
                if (leader) {
                    lose("its connection to PostgreSQL failed: " + e.getMessage());
                } else {
                    LOG.warn("Node {} cannot ask PostgreSQL for the lead of {} (tries again in {} ms): {}", node, getNamespace(),
                            retryMs, e.getMessage());
                    closeConnection();
                }
            }
        }

        private void lose(String why) {
            leader = false;
            closeConnection();
            LOG.warn("Node {} no longer leads {}: {}; it tries again every {} ms", node, getNamespace(), why, retryMs);
            fireLeadershipChangedEvent((CamelClusterMember) null);
        }

        private void closeConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("Closing the leadership connection of {} failed (it is dropped anyway): {}", getNamespace(), e.getMessage());
                }
                connection = null;
            }
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leader ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        /** This node in the namespace (the others are known to PostgreSQL only). */
        private final class Member implements CamelClusterMember {
            @Override
            public boolean isLeader() {
                return leader;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return node;
            }
        }
    }
}
