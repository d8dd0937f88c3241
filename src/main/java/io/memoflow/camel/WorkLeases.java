package io.memoflow.camel;

import io.memoflow.store.MemoStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's leases on memoranda's work, when several instances share a store: a pass over a
 * memorandum's work runs only while this node holds its lease (so one node at a time renders,
 * signs and mails for a memorandum, and its revisions are written in order); the lease is
 * renewed while held ({@link #renew}, periodically) and given up when the node's last pass over
 * it ends. A node that dies stops renewing: its leases expire and the work sweep of another
 * node takes the work over.
 */
public final class WorkLeases {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final MemoStore store;
    private final String node;
    private final Duration ttl;
    private final Map<String, Integer> passes = new ConcurrentHashMap<>();

    public WorkLeases(MemoStore store, String node, Duration ttl) {
        this.store = store;
        this.node = node;
        this.ttl = ttl;
    }

    /** Takes the lease for one pass over a memorandum's work: false when another node holds it. */
    public boolean take(String reference) {
        synchronized (passes) {
            if (!store.leaseWork(reference, node, ttl)) {
                return false;
            }
            passes.merge(reference, 1, Integer::sum);
            return true;
        }
    }

    /** A pass ended (done or failed): the lease is given up when it was this node's last pass over that memorandum. */
    public void done(String reference) {
        synchronized (passes) {
            Integer left = passes.computeIfPresent(reference, (r, n) -> n > 1 ? n - 1 : null);
            if (left == null) {
                store.releaseWork(reference, node);
            }
        }
    }

    /** Extends this node's leases (called well within their time to live). */
    public void renew() {
        try {
            store.renewWork(node, ttl);
        } catch (RuntimeException e) {
            LOG.warn("Could not renew this node's work leases ({}); another node may take that work over: {}", node, e.getMessage());
        }
    }

    /** How many memoranda this node works on now. */
    public int held() {
        return passes.size();
    }

    public String node() {
        return node;
    }

    public Duration ttl() {
        return ttl;
    }
}
