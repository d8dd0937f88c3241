package io.memoflow.camel;

import io.memoflow.store.MemoStore;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's life in the daemon, as a Camel service: opened once the home folder's lock is held
 * (recovering from an unclean stop if it must), closed on a clean stop (so the next start can
 * trust what it wrote).
 */
final class StoreLifecycle extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final MemoStore store;

    StoreLifecycle(MemoStore store) {
        this.store = store;
    }

    @Override
    protected void doStart() {
        int reread = store.open();
        if (reread >= 0) {
            LOG.info("Store index rebuilt from {} memoranda (the last stop was not clean, or this is the first start)", reread);
        }
    }

    @Override
    protected void doStop() {
        store.close();
    }
}
