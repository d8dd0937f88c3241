package io.memoflow.draft;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The known key an unknown front matter key most likely means, for "did you mean ...?": the same
 * key written in capitals or with _ for -, a common other word for it (ref, lang, subject,
 * signer ...), or a known key at most two typing mistakes away (one for keys shorter than six letters).
 */
final class KeySuggestions {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("ref", "reference"), Map.entry("lang", "language"), Map.entry("subject", "title"),
            Map.entry("from", "author"), Map.entry("party", "parties"), Map.entry("signatories", "parties"),
            Map.entry("signatory", "parties"), Map.entry("reviewer", "reviewers"), Map.entry("review", "reviewers"),
            Map.entry("copy", "cc"), Map.entry("copies", "cc"), Map.entry("bcc", "cc"), Map.entry("mail", "email"),
            Map.entry("e-mail", "email"), Map.entry("signer", "signatory"), Map.entry("organisation", "name"),
            Map.entry("organization", "name"), Map.entry("position", "title"), Map.entry("role", "title"));

    private KeySuggestions() {
    }

    /** The known key the unknown one most likely means, or null. */
    static String suggest(String key, List<String> known) {
        String lower = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (String k : known) {
            if (k.equals(lower)) {
                return k;
            }
        }
        String synonym = SYNONYMS.get(lower);
        if (synonym != null && known.contains(synonym)) {
            return synonym;
        }
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(lower, k);
            if (d < bestDistance && d < Math.max(2, k.length() / 2)) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance; "far" (Integer.MAX_VALUE) for lengths that differ by more than 3 or long keys. */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
