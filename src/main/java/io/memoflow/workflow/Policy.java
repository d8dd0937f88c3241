package io.memoflow.workflow;

import java.util.Locale;

/**
 * How many approvals complete a stage: all assignees, any one of them, or a quorum of k.
 *
 * @param kind   ALL, ANY or QUORUM
 * @param quorum for QUORUM, the number of approvals needed (at least 1)
 */
public record Policy(Kind kind, int quorum) {

    public enum Kind { ALL, ANY, QUORUM }

    public static final Policy ALL = new Policy(Kind.ALL, 0);
    public static final Policy ANY = new Policy(Kind.ANY, 1);

    public static Policy quorum(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("A quorum needs at least 1 approval, not " + k);
        }
        return new Policy(Kind.QUORUM, k);
    }

    /** Parses "all", "any" or a whole number k (a quorum). */
    public static Policy parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "all", "" -> {
                return ALL;
            }
            case "any" -> {
                return ANY;
            }
            default -> {
                try {
                    return quorum(Integer.parseInt(t.startsWith("quorum") ? t.substring(6).trim() : t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown stage policy '" + text
                            + "': use all, any, or a number k for a quorum of k approvals");
                }
            }
        }
    }

    /** Approvals needed out of {@code assignees}. */
    public int needed(int assignees) {
        return switch (kind) {
            case ALL -> assignees;
            case ANY -> Math.min(1, assignees);
            case QUORUM -> Math.min(quorum, assignees);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.QUORUM ? String.valueOf(quorum) : kind.name().toLowerCase(Locale.ROOT);
    }
}
