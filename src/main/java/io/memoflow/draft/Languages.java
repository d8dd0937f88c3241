package io.memoflow.draft;

import java.util.Locale;
import java.util.Set;

/** Facts about language tags that memoflow needs: direction. */
public final class Languages {
    private static final Set<String> RTL = Set.of("ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv");

    private Languages() {
    }

    public static boolean isRightToLeft(String language) {
        if (language == null || language.isBlank()) {
            return false;
        }
        String primary = language.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return RTL.contains(primary);
    }
}
