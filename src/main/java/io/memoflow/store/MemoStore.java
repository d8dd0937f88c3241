package io.memoflow.store;

import io.memoflow.memo.Memo;
import io.memoflow.memo.UnknownMemoException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where memoranda live. One narrow interface so that a PostgreSQL-backed store can replace the
 * file store and let several instances share the work: {@link #update} is the one way to change
 * a memorandum (read, change, write back as one atomic step under the memorandum's lock; in SQL,
 * SELECT ... FOR UPDATE and UPDATE in one transaction).
 */
public interface MemoStore extends AutoCloseable {

    /**
     * The daemon starts working on the store (after it holds the home folder's lock): the store
     * recovers from an unclean stop if it must. Returns how many memoranda it re-read to recover,
     * or -1 when nothing needed recovering. Tools that only read (status) do not call it.
     */
    int open();

    /** The daemon stops cleanly. */
    @Override
    void close();

    /** Periodic housekeeping, called by the work sweep (the file store compacts its index). */
    void maintain();

    /**
     * Reserves a new reference {@code PREFIX-YEAR-NNNN}, unique and never handed out again, even
     * across restarts and crashes (a reference reserved but never used stays unused).
     */
    String allocateReference(String prefix, int year);

    /** Stores a new memorandum; fails if one with that reference exists. */
    void create(Memo memo);

    /** A snapshot of the memorandum, or empty when there is none with that reference. */
    Optional<Memo> find(String reference);

    /**
     * Changes a memorandum atomically: {@code change} runs under the memorandum's lock on the
     * current state; if it returns normally the new state is persisted, if it throws nothing is.
     *
     * @throws UnknownMemoException when there is no memorandum with that reference
     */
    <T> T update(String reference, Function<Memo, T> change);

    /** Stores a file belonging to a memorandum (a version's text, a cached PDF); name is memoflow's own. */
    void putFile(String reference, String name, byte[] bytes);

    /** A file stored with {@link #putFile}, or empty. */
    Optional<byte[]> getFile(String reference, String name);

    /**
     * Claims a text's SHA-256 for a memorandum version, atomically. Returns the existing claim
     * when the text was claimed before (a duplicate, or a re-read of the same input after a
     * crash: compare {@link ContentClaim#intakeKey()}), else records {@code claim} and returns empty.
     */
    Optional<ContentClaim> claimContent(String sha256, ContentClaim claim);

    /** The claim of a text's SHA-256, if any (read only). */
    Optional<ContentClaim> findClaim(String sha256);

    /** Summaries of all memoranda, newest first; cheap even with many thousands. */
    List<MemoSummary> list();

    /** References of memoranda that are not final or still have work to do. */
    List<String> unfinished();

    /**
     * Takes (or renews) {@code node}'s lease on a memorandum's pending work: true when this node
     * may work on it now, false when another node holds a lease that has not expired. A store
     * used by one daemon only (the file store) always says true.
     */
    default boolean leaseWork(String reference, String node, Duration ttl) {
        return true;
    }

    /** Gives up {@code node}'s lease on a memorandum's work (it finished its pass). */
    default void releaseWork(String reference, String node) {
    }

    /** Extends every lease {@code node} holds by {@code ttl} from now; returns how many it holds. */
    default int renewWork(String node, Duration ttl) {
        return 0;
    }

    /** Where the store is, for the health check and the log (no password). */
    default String describe() {
        return "files";
    }

    /** A claim of a text for a memorandum version. */
    record ContentClaim(String reference, int version, String intakeKey) {
    }
}
