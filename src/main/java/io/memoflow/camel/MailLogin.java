package io.memoflow.camel;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * The login camel-mail uses for the IMAP mailbox or the SMTP server (endpoint option
 * {@code authenticator=#imapLogin} / {@code #smtpLogin}), so that the password is never part of
 * an endpoint URI, a route dump or a log line. Without a user name no login is attempted (an
 * SMTP relay that takes mail from localhost without authentication).
 */
public final class MailLogin extends MailAuthenticator {

    private final String user;
    private final String password;

    public MailLogin(String user, String password) {
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return user.isEmpty() ? new PasswordAuthentication(null, null) : new PasswordAuthentication(user, password);
    }

    @Override
    public String toString() {
        return "MailLogin[" + (user.isEmpty() ? "no login" : user) + "]";
    }
}
