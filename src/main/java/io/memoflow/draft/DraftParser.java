package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Interim parser (UTF-8 only); replaced by the full parser from the draft branch. */
public final class DraftParser {
    private final DraftLimits limits;

    public DraftParser(DraftLimits limits) {
        this.limits = limits;
    }

    @SuppressWarnings("unchecked")
    public Draft parse(byte[] content, String fileName) {
        String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new RejectedInputException("The draft is empty.", "Write the memorandum's text in the file.");
        }
        Map<String, Object> fm = Map.of();
        String body = text;
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 4);
            if (end < 0) {
                throw new RejectedInputException("The front matter is not closed.", "End it with a line ---.");
            }
            fm = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text.substring(4, end));
            body = text.substring(text.indexOf('\n', end + 1) + 1);
        }
        String title = (String) fm.get("title");
        if (title == null) {
            title = body.strip().lines().findFirst().orElse("").replaceFirst("^#+\\s*", "");
        }
        List<Party> parties = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) fm.getOrDefault("parties", List.of())) {
            parties.add(new Party((String) p.get("name"), (String) p.get("signatory"), (String) p.get("title"), (String) p.get("email")));
        }
        long arabic = body.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC).count();
        long latin = body.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN).count();
        String lang = (String) fm.getOrDefault("language", arabic > latin ? "ar" : "en");
        return new Draft(title, (String) fm.get("reference"), lang, (String) fm.get("workflow"), (String) fm.get("author"), parties,
                (List<String>) fm.getOrDefault("reviewers", List.of()), (List<String>) fm.getOrDefault("cc", List.of()), body, "UTF-8");
    }
}
