package io.memoflow.mail;

import java.util.regex.Pattern;

/** E-mail addresses as memoflow compares them: a plain local@domain, lower case. */
final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private Addresses() {
    }

    static boolean valid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }
}
