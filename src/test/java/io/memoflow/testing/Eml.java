package io.memoflow.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads .eml files as real RFC 5322 messages. */
public final class Eml {

    private Eml() {
    }

    public static MimeMessage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (Exception e) {
            throw new IllegalStateException("Not a mail: " + file + ": " + e, e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> to(MimeMessage m) {
        try {
            List<String> out = new ArrayList<>();
            for (var a : m.getRecipients(jakarta.mail.Message.RecipientType.TO)) {
                out.add(((jakarta.mail.internet.InternetAddress) a).getAddress());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain body. */
    public static String text(MimeMessage m) {
        try {
            Object c = m.getContent();
            if (c instanceof String s) {
                return s;
            }
            Multipart mp = (Multipart) c;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.isMimeType("text/plain")) {
                    return (String) p.getContent();
                }
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Attachments by file name. */
    public static Map<String, byte[]> attachments(MimeMessage m) {
        try {
            Map<String, byte[]> out = new java.util.LinkedHashMap<>();
            Object c = m.getContent();
            if (c instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart p = mp.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                        out.put(MimeUtility.decodeText(p.getFileName()), p.getInputStream().readAllBytes());
                    }
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MimeMessage> all(Path outbox) {
        return TestHomes.files(outbox, "*.eml").stream().map(Eml::read).toList();
    }
}
