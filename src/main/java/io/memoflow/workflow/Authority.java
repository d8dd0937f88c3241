package io.memoflow.workflow;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.Party;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who may be what on one memorandum, checked before anything is stored: each party has its own
 * signatory (one approval signs exactly one party's box), and the author, who never decides on
 * their own memorandum, is none of the signatories (their party's box could never be signed).
 */
public final class Authority {

    private Authority() {
    }

    /**
     * Checks the author and the parties of a memorandum (as they will be once a draft is applied:
     * with the defaults and what a new version keeps).
     *
     * @throws RejectedInputException naming the author or parties in question and what to change
     */
    public static void checkPeople(String author, List<Party> parties) {
        Map<String, Party> bySignatory = new LinkedHashMap<>();
        for (Party p : parties) {
            if (p.email().isBlank()) {
                continue;
            }
            Party earlier = bySignatory.putIfAbsent(p.email(), p);
            if (earlier != null) {
                throw new RejectedInputException("The parties '" + earlier.name() + "' and '" + p.name() + "' have the same signatory address "
                        + p.email() + "; one approval would sign for both.",
                        "Give each party the address of its own signatory ('email:' of each party); if one person really signs for"
                                + " both, name them as one party.");
            }
        }
        String a = author == null ? "" : author.strip().toLowerCase(Locale.ROOT);
        if (!a.isEmpty() && bySignatory.containsKey(a)) {
            throw new RejectedInputException("The author " + a + " is also the signatory of the party '" + bySignatory.get(a).name()
                    + "'; a signatory cannot approve their own memorandum as its author.",
                    "Name another author ('author:' in the front matter), or another signatory for that party (its 'email:').");
        }
    }
}
