package io.memoflow.service;

import io.memoflow.draft.Party;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a draft gets when it names none, from the configuration.
 *
 * @param prefix          reference prefix (memoflow.reference.prefix)
 * @param workflow        memoflow.workflow.default
 * @param author          memoflow.author.default, may be empty
 * @param reviewers       memoflow.reviewers.default
 * @param parties         memoflow.parties.default
 * @param rejectDuplicates memoflow.duplicates=reject (true) or accept
 * @param keepAuthor      memoflow.versions.keep-author: a new version may not name another author
 * @param keepWorkflow    memoflow.versions.keep-workflow: a new version may not name another workflow
 */
public record Defaults(String prefix, String workflow, String author, List<String> reviewers, List<Party> parties,
                       boolean rejectDuplicates, boolean keepAuthor, boolean keepWorkflow) {
    public Defaults {
        reviewers = List.copyOf(reviewers);
        parties = List.copyOf(parties);
        if (!prefix.matches("[A-Z][A-Z0-9]{0,15}")) {
            throw new IllegalArgumentException("memoflow.reference.prefix must be 1 to 16 capital letters or digits starting with a letter, not '" + prefix + "'");
        }
    }

    /** Defaults under which a new version keeps its memorandum's author and workflow. */
    public Defaults(String prefix, String workflow, String author, List<String> reviewers, List<Party> parties, boolean rejectDuplicates) {
        this(prefix, workflow, author, reviewers, parties, rejectDuplicates, true, true);
    }

    /**
     * Parses {@code memoflow.parties.default}: parties separated by {@code ;}, each
     * {@code name | signatory | title | email}.
     */
    public static List<Party> parseParties(String text) {
        List<Party> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] f = entry.split("\\|", -1);
            String email = f.length > 3 ? f[3].trim().toLowerCase(Locale.ROOT) : "";
            out.add(new Party(f[0].trim(), f.length > 1 ? f[1].trim() : "", f.length > 2 ? f[2].trim() : "", email));
        }
        return out;
    }
}
