package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and normalisation of single front matter values, with reasons for the submitter. */
final class Fields {

    static final Pattern REFERENCE = Pattern.compile("^[A-Z][A-Z0-9]{0,15}-\\d{4}-\\d{4,6}$");
    static final Pattern TOKEN = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");
    static final Pattern LANGUAGE = Pattern.compile("^([a-z]{2,3})(-[a-z0-9]{1,8})*$");
    static final int MAX_EMAIL = 254;
    static final int MAX_LOCAL_PART = 64;
    private static final Set<String> ISO_639_1 = new HashSet<>(Arrays.asList(Locale.getISOLanguages()));
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private Fields() {
    }

    /** The value in double quotes for a message: at most 80 characters, invisible characters shown as U+XXXX. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (++count > 80) {
                sb.append('…');
                break;
            }
            if (isControl(cp) || (Character.getType(cp) == Character.FORMAT && cp != 0x200C && cp != 0x200D)) {
                sb.append(String.format("[U+%04X]", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.append('"').toString();
    }

    /** C0 and C1 control characters and DEL. */
    static boolean isControl(int cp) {
        return UntrustedText.isControl(cp);
    }

    /** A plain-words name for a control character. */
    static String controlName(int cp) {
        return UntrustedText.name(cp);
    }

    /**
     * Rejects a one-line text value with control characters (line breaks and tabs included) or
     * bidirectional controls (embeddings, overrides, isolates), naming the value and the position.
     */
    static void rejectControls(String value, String where) {
        value.codePoints().filter(Fields::isControl).findFirst().ifPresent(cp -> {
            if (cp == '\n' || cp == '\r') {
                throw new RejectedInputException("In the front matter, " + where + " must be on one line, but it has a line"
                        + " break.", "Write the whole value on the same line as its key.");
            }
        });
        String problem = UntrustedText.problemInLine(value, true);
        if (problem != null) {
            throw new RejectedInputException("In the front matter, " + where + " contains " + problem + ".",
                    UntrustedText.adviceFor(problem));
        }
    }

    /** The address in lower case when it is a practical, plain-ASCII e-mail address. */
    static String email(String raw, String where) {
        String value = raw.strip();
        String why = emailProblem(value);
        if (why != null) {
            throw new RejectedInputException("The e-mail address " + quote(value) + " given for " + where + " is not valid: "
                    + why + ".", "Correct the address in the front matter and submit the draft again.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String emailProblem(String value) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_EMAIL) {
            return "it is longer than " + MAX_EMAIL + " characters";
        }
        if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
            return "write only the address, without a name and without the < > around it";
        }
        if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            return "write only the address, without \"mailto:\"";
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isControl(cp)) {
                return "it contains an invisible control character (" + controlName(cp) + ")";
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "it contains a space";
            }
            if (Character.getType(cp) == Character.FORMAT) {
                return String.format("it contains an invisible character (U+%04X, such as a direction mark copied with Arabic"
                        + " text)", cp);
            }
            if (cp > 0x7E) {
                return "it contains the character \"" + new String(Character.toChars(cp)) + "\"; memoflow only accepts"
                        + " addresses written with plain Latin letters, digits and . _ - +";
            }
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return "it has no @";
        }
        if (value.indexOf('@', at + 1) >= 0) {
            return "it has more than one @";
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.isEmpty()) {
            return "there is nothing before the @";
        }
        if (local.length() > MAX_LOCAL_PART) {
            return "the part before the @ is longer than " + MAX_LOCAL_PART + " characters";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "the part before the @ starts or ends with a dot, or has two dots in a row";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0)) {
                return "the part before the @ contains \"" + c + "\", which an address cannot have";
            }
        }
        if (domain.isEmpty()) {
            return "there is nothing after the @";
        }
        if (domain.indexOf('.') < 0) {
            return "the part after the @ must be a domain name with a dot, like example.ma";
        }
        String[] labels = domain.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                return "the part after the @, " + quote(domain) + ", is not a valid domain name";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return "the part after the @ must be a domain name like example.ma, not a number";
        }
        return null;
    }

    static String reference(String value) {
        if (REFERENCE.matcher(value).matches()) {
            return value;
        }
        String hint = "";
        if (REFERENCE.matcher(value.toUpperCase(Locale.ROOT)).matches()) {
            hint = " (write the letters as capitals)";
        } else if (value.codePoints().anyMatch(cp -> Character.isDigit(cp) && cp > 0x7F)) {
            hint = " (write the digits as 0-9)";
        }
        throw new RejectedInputException("The reference " + quote(value) + " is not a memoflow reference" + hint
                + ": a reference looks like MOU-2026-0007 (capital letters, a dash, the year, a dash, the number).",
                "Copy the reference exactly from the memorandum this draft is a new version of, or remove the reference"
                        + " line to start a new memorandum.");
    }

    static String workflow(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!TOKEN.matcher(lower).matches()) {
            throw new RejectedInputException("The workflow " + quote(value) + " is not a workflow name: a name is one word"
                    + " of at most 32 letters, digits and dashes, starting with a letter, like standard.",
                    "Write the name of a workflow from the memoflow configuration, or remove the workflow line to use"
                            + " the default.");
        }
        return lower;
    }

    /** The primary language subtag, lower case, of a BCP 47-style tag such as ar, en or ar-MA. */
    static String language(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replace('_', '-');
        Matcher m = LANGUAGE.matcher(lower);
        if (lower.length() <= 35 && m.matches() && (m.group(1).length() == 3 || ISO_639_1.contains(m.group(1)))) {
            return m.group(1);
        }
        throw new RejectedInputException("The language " + quote(value) + " is not a language code: write a code such as"
                + " ar (Arabic), en (English) or fr (French).",
                "Correct the language line, or remove it to let memoflow tell the language from the text.");
    }
}
