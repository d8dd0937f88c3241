package io.memoflow.draft;

import java.util.Locale;

/**
 * One party of a memorandum: the organisation, the person who signs for it, that person's
 * title and e-mail address. Any field but {@code name} may be empty.
 */
public record Party(String name, String signatory, String title, String email) {
    public Party {
        name = name == null ? "" : name;
        signatory = signatory == null ? "" : signatory;
        title = title == null ? "" : title;
        email = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
