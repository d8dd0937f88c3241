package io.memoflow.camel;

import io.memoflow.service.DocumentService;
import io.memoflow.store.MemoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * memoflow's own readiness and liveness checks, served with Camel's at /observe/health:
 * {@code memoflow-folders} (every folder of the home folder exists and takes a new file),
 * {@code memoflow-store} (the store can be read), {@code memoflow-keys} (the signing keys load) and
 * {@code memoflow-mailbox} (the mailbox, on the node that reads it).
 */
public final class MemoflowHealthChecks {

    private MemoflowHealthChecks() {
    }

    /** Every folder of the home folder exists and a file can be created in it. */
    public static AbstractHealthCheck folders(Path home, List<String> folders) {
        return new AbstractHealthCheck("memoflow", "memoflow-folders") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                List<String> problems = new ArrayList<>();
                for (String f : folders) {
                    Path dir = home.resolve(f);
                    if (!Files.isDirectory(dir)) {
                        problems.add("the " + f + " folder is missing or is not a folder");
                        continue;
                    }
                    Path probe = dir.resolve(".memoflow-health-" + ProcessHandle.current().pid() + ".tmp");
                    try {
                        Files.deleteIfExists(probe);
                        Files.createFile(probe);
                        Files.delete(probe);
                    } catch (IOException e) {
                        problems.add("the " + f + " folder is not writable (" + e.getClass().getSimpleName() + ")");
                    }
                }
                builder.detail("home", home.toString());
                if (problems.isEmpty()) {
                    builder.up();
                } else {
                    builder.message(String.join("; ", problems)).down();
                }
            }
        };
    }

    /** There is room on the disk for new input. */
    public static AbstractHealthCheck disk(DiskGuard disk) {
        return new AbstractHealthCheck("memoflow", "memoflow-disk") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                long free = disk.freeBytes();
                builder.detail("free.mb", free >> 20);
                builder.detail("min.free.mb", disk.minFreeBytes() >> 20);
                if (free < 0 || free >= disk.minFreeBytes()) {
                    builder.up();
                } else {
                    builder.message("Only " + (free >> 20) + " MB free on the disk of the home folder (memoflow.disk.min-free-mb is "
                            + (disk.minFreeBytes() >> 20) + "): no new input is taken until there is more").down();
                }
            }
        };
    }

    /** The store answers; which store it is, this node's name and how many memoranda it works on now. */
    public static AbstractHealthCheck store(MemoStore store, WorkLeases leases) {
        return new AbstractHealthCheck("memoflow", "memoflow-store") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                try {
                    builder.detail("store", store.describe());
                    builder.detail("node", leases.node());
                    builder.detail("working-on", leases.held());
                    builder.detail("memoranda", store.list().size());
                    builder.up();
                } catch (RuntimeException e) {
                    builder.message("The store cannot be read: " + e.getMessage()).error(e).down();
                }
            }
        };
    }

    /**
     * The mailbox ({@code memoflow-mailbox}): on the node that reads it (the leader of its
     * namespace), the mail consumer's own check (DOWN with the error while the server cannot be
     * reached); on the others UP, saying they stand by. Details: {@code reader}, {@code node}.
     */
    public static AbstractHealthCheck mailbox(CamelContext context, String routeId, AdvisoryLockClusterService cluster, String namespace) {
        return new AbstractHealthCheck("memoflow", "memoflow-mailbox") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                Route route = context.getRoute(routeId);
                builder.detail("node", cluster.node());
                if (route == null) {
                    builder.message("No mailbox is configured (memoflow.imap.host)").up();
                    return;
                }
                boolean reader = cluster.isLeader(namespace);
                builder.detail("reader", reader);
                if (!reader) {
                    builder.message("Another node reads the mailbox; this one takes over when that one stops").up();
                    return;
                }
                if (route.getConsumer() instanceof HealthCheckAware aware && aware.getHealthCheck() != null) {
                    HealthCheck.Result result = aware.getHealthCheck().call(options);
                    builder.state(result.getState());
                    result.getMessage().ifPresent(m -> builder.message(routeId + ": " + m));
                    result.getError().ifPresent(builder::error);
                    builder.details(result.getDetails());
                } else {
                    builder.up();
                }
            }
        };
    }

    /** The signing keys load; {@code check} returns null when they do, else the problem in plain words. */
    public static AbstractHealthCheck keys(Supplier<String> check) {
        return new AbstractHealthCheck("memoflow", "memoflow-keys") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                String problem = check.get();
                if (problem == null) {
                    builder.up();
                } else {
                    builder.message(problem).down();
                }
            }
        };
    }

    /**
     * Signed memoranda due for renewal ({@code memoflow renew}). Always UP: a node with renewals due
     * serves as well as any (DOWN would take it out of a load balancer for a chore); the detail
     * {@code due} counts them and the message names them and the command.
     */
    public static AbstractHealthCheck renewals(DocumentService documents) {
        return new AbstractHealthCheck("memoflow", "memoflow-renewals") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                var due = documents.renewalsDue();
                builder.detail("due", due.size());
                builder.detail("warn.before.days", documents.renewalWarnBefore().toDays());
                if (!due.isEmpty()) {
                    builder.detail("files", String.join(",", due.keySet()));
                    builder.message(due.size() + " signed memoranda need a fresh document timestamp ("
                            + String.join(", ", due.keySet()) + "): run memoflow renew --before P"
                            + documents.renewalWarnBefore().toDays() + "D");
                }
                builder.up();
            }
        };
    }
}
