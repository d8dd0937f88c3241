package io.memoflow.draft;

/**
 * Limits on what a draft may be; beyond them it is rejected with a clear reason.
 *
 * @param maxBytes            largest draft file, in bytes
 * @param maxFrontMatterBytes largest front matter block, in bytes
 * @param maxNestingDepth     deepest nesting of collections in front matter
 * @param maxParties          most parties
 * @param maxAddresses        most addresses in reviewers and cc, each
 */
public record DraftLimits(long maxBytes, int maxFrontMatterBytes, int maxNestingDepth, int maxParties, int maxAddresses) {
    public static final DraftLimits DEFAULT = new DraftLimits(2L * 1024 * 1024, 64 * 1024, 8, 20, 50);
}
