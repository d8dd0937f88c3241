package io.memoflow.draft;

/**
 * Limits on what a draft may be; beyond them it is rejected with a clear reason.
 *
 * @param maxBytes            largest draft file, in bytes (a Word, OpenDocument, HTML or PDF file as submitted)
 * @param maxFrontMatterBytes largest front matter block, in bytes
 * @param maxNestingDepth     deepest nesting of collections in front matter
 * @param maxParties          most parties
 * @param maxAddresses        most addresses in reviewers and cc, each
 * @param maxZipEntries       most files inside a .docx or .odt (a ZIP archive), nested archives included
 * @param maxUnzippedBytes    most bytes a .docx or .odt may unpack to, nested archives included
 * @param maxZipNesting       deepest nesting of archives: 1 is the document itself, 2 an archive in it ...
 */
public record DraftLimits(long maxBytes, int maxFrontMatterBytes, int maxNestingDepth, int maxParties, int maxAddresses,
                          int maxZipEntries, long maxUnzippedBytes, int maxZipNesting) {
    public static final DraftLimits DEFAULT = new DraftLimits(2L * 1024 * 1024, 64 * 1024, 8, 20, 50, 1000,
            50L * 1024 * 1024, 2);

    /** Limits with the default limits for documents in ZIP archives. */
    public DraftLimits(long maxBytes, int maxFrontMatterBytes, int maxNestingDepth, int maxParties, int maxAddresses) {
        this(maxBytes, maxFrontMatterBytes, maxNestingDepth, maxParties, maxAddresses, 1000, 50L * 1024 * 1024, 2);
    }
}
