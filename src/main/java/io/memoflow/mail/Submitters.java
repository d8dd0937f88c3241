package io.memoflow.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may submit drafts by mail ({@code memoflow.submitters}), or send new versions of any
 * memorandum ({@code memoflow.editors}): addresses
 * ({@code secretariat@dgsn.example.ma}) and whole domains ({@code @dgsn.example.ma}, exactly that
 * domain, not its subdomains). Empty: nobody. Compared without regard to case.
 */
public final class Submitters {

    private final List<String> addresses = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();

    public Submitters(List<String> entries) {
        this(entries, "memoflow.submitters");
    }

    /** @param key the configuration key the entries come from, for messages (memoflow.submitters, memoflow.editors) */
    public Submitters(List<String> entries, String key) {
        for (String e : entries) {
            String s = e.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("@")) {
                if (s.length() < 2 || s.indexOf('@', 1) >= 0) {
                    throw new IllegalArgumentException(key + ": '" + e + "' is not a domain; write @example.org");
                }
                domains.add(s.substring(1));
            } else {
                if (!Addresses.valid(e.strip())) {
                    throw new IllegalArgumentException(key + ": '" + e
                            + "' is neither an e-mail address nor an @domain; separate entries with commas");
                }
                addresses.add(s);
            }
        }
    }

    /** True when mail from this address may submit drafts. */
    public boolean allows(String address) {
        if (address == null || !Addresses.valid(address)) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (addresses.contains(a)) {
            return true;
        }
        String domain = a.substring(a.lastIndexOf('@') + 1);
        return domains.contains(domain);
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && domains.isEmpty();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(addresses);
        domains.forEach(d -> all.add("@" + d));
        return all.isEmpty() ? "nobody" : String.join(", ", all);
    }
}
