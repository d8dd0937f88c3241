package io.memoflow.memo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memorandum's reference, {@code PREFIX-YEAR-NNNN} (for example {@code MOU-2026-0007}): a prefix
 * of one capital letter followed by up to 15 capitals or digits, a four-digit year and a number of
 * four to six digits. References are the only names from outside (decision files, mail subjects,
 * the command line) that reach a store, so they are checked here, strictly, once.
 */
public record Reference(String prefix, int year, int number) {

    private static final Pattern FORM = Pattern.compile("([A-Z][A-Z0-9]{0,15})-(\\d{4})-(\\d{4,6})");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,15}");

    public Reference {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("A reference prefix is one capital letter followed by up to 15 capitals or digits, not '"
                    + prefix + "'. Set memoflow.reference.prefix to such a word, e.g. MOU.");
        }
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("A reference year has four digits, not " + year);
        }
        if (number < 1 || number > 999_999) {
            throw new IllegalArgumentException("A reference number is between 1 and 999999, not " + number);
        }
    }

    /** The reference written as text, or empty when the text is not a reference. */
    public static Optional<Reference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Reference(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** True when the text is a well-formed reference. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** Whether this reference belongs to the series of a prefix and year. */
    public boolean inSeries(String prefix, int year) {
        return this.prefix.equals(prefix) && this.year == year;
    }

    /** {@code PREFIX-YEAR-NNNN}, the number at least four digits wide. */
    @Override
    public String toString() {
        return String.format("%s-%d-%04d", prefix, year, number);
    }
}
