package io.memoflow.mail;

import java.util.regex.Pattern;

/**
 * E-mail addresses as memoflow compares them: a plain local@domain of printable ASCII, lower
 * case. Not folded: an address with any other character (the Kelvin sign U+212A, which
 * lower-cases to "k", a Cyrillic "а") is not valid, so it can never be taken for another.
 * Check the address as received, before lower-casing it.
 */
final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private Addresses() {
    }

    static boolean valid(String address) {
        return address != null && address.length() <= 254 && address.chars().allMatch(c -> c > 0x20 && c < 0x7F)
                && ADDRESS.matcher(address).matches();
    }
}
