package io.memoflow.testing;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real SMTP and IMAP server in the test process (GreenMail, on free ports), with the mailbox
 * memoflow reads ({@link #MEMOFLOW}), and helpers to send mail to memoflow as people do, to find
 * what memoflow sent, and to build replies the way mail programs do.
 */
public final class MailServer {

    public static final String MEMOFLOW = "memoflow@memoflow.example";
    public static final String PASSWORD = "s3cret&p+w%d=1";

    private static final AtomicInteger IDS = new AtomicInteger();
    private final GreenMail greenMail;
    private final ServerSetup[] setups;
    private final Session session = Session.getInstance(new Properties());

    private MailServer(ServerSetup[] setups) {
        this.setups = setups;
        this.greenMail = new GreenMail(setups);
    }

    /** A server on free ports, started. */
    public static MailServer start() {
        MailServer s = notStarted();
        s.startServer();
        return s;
    }

    /** A server on free ports, not started yet (to start memoflow against a server that is down). */
    public static MailServer notStarted() {
        ServerSetup smtp = ServerSetupTest.SMTP.port(freePort());
        ServerSetup imap = ServerSetupTest.IMAP.port(freePort());
        return new MailServer(new ServerSetup[] {smtp, imap});
    }

    public void startServer() {
        greenMail.start();
        greenMail.setUser(MEMOFLOW, MEMOFLOW, PASSWORD);
    }

    /** Stops the server, dropping open connections (GreenMail reports a connection it closed mid-session; that is the point). */
    public void stopServer() {
        try {
            greenMail.stop();
        } catch (IllegalStateException e) {
            if (greenMail.isRunning()) {
                throw e;
            }
        }
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public int smtpPort() {
        return setups[0].getPort();
    }

    public int imapPort() {
        return setups[1].getPort();
    }

    /** The settings that point memoflow at this server. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("memoflow.imap.host", "127.0.0.1");
        m.put("memoflow.imap.port", String.valueOf(imapPort()));
        m.put("memoflow.imap.tls", "false");
        m.put("memoflow.imap.user", MEMOFLOW);
        m.put("memoflow.imap.password", PASSWORD);
        m.put("memoflow.imap.poll-seconds", "0.2");
        m.put("memoflow.imap.backoff-multiplier", "2");
        m.put("memoflow.imap.timeout-ms", "3000");
        m.put("memoflow.smtp.host", "127.0.0.1");
        m.put("memoflow.smtp.port", String.valueOf(smtpPort()));
        m.put("memoflow.smtp.tls", "none");
        m.put("memoflow.smtp.from", MEMOFLOW);
        m.put("memoflow.smtp.timeout-ms", "3000");
        return m;
    }

    /** Writes memoflow.properties into a home folder: this server's settings plus {@code more}. */
    public void configure(Path home, Map<String, String> more) {
        Properties p = new Properties();
        p.putAll(settings());
        p.putAll(more);
        try (var out = Files.newBufferedWriter(home.resolve("memoflow.properties"), StandardCharsets.UTF_8)) {
            p.store(out, "written by " + MailServer.class.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a mail through the SMTP server, as a mail program would. */
    public void send(MimeMessage m) {
        try {
            Transport.send(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new plain-text mail to memoflow. */
    public MimeMessage mail(String from, String subject, String text) {
        try {
            Properties p = new Properties();
            p.setProperty("mail.smtp.host", "127.0.0.1");
            p.setProperty("mail.smtp.port", String.valueOf(smtpPort()));
            MimeMessage m = new MimeMessage(Session.getInstance(p));
            m.setFrom(new InternetAddress(from));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(MEMOFLOW));
            m.setSubject(subject, "UTF-8");
            m.setText(text, "UTF-8");
            m.setSentDate(new Date());
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts raw RFC 5322 bytes into memoflow's mailbox, exactly as given (no SMTP on the way). */
    public void deliverRaw(byte[] raw) {
        try {
            GreenMailUser user = greenMail.getUserManager().getUser(MEMOFLOW);
            user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unique Message-ID for test mails. */
    public static String messageId() {
        return "<test-" + IDS.incrementAndGet() + "-" + System.nanoTime() + "@people.example>";
    }

    /** The mails delivered to an address so far. */
    public List<MimeMessage> received(String to) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                Address[] all = m.getAllRecipients();
                if (all != null) {
                    for (Address a : all) {
                        if (((InternetAddress) a).getAddress().equalsIgnoreCase(to)) {
                            out.add(m);
                            break;
                        }
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Waits for a mail to {@code to} that matches, and returns it. */
    public MimeMessage await(String to, Predicate<MimeMessage> which, Duration within) {
        List<MimeMessage> found = new ArrayList<>();
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
            found.clear();
            received(to).stream().filter(which).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    public static Predicate<MimeMessage> subjectContains(String... parts) {
        return m -> {
            String s = subject(m);
            for (String p : parts) {
                if (!s.contains(p)) {
                    return false;
                }
            }
            return true;
        };
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            String v = m.getHeader(name, " ");
            return v == null ? null : MimeUtility.unfold(v);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names and sizes of a message's attachments. */
    public static Map<String, Integer> attachments(MimeMessage m) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try {
            if (m.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart bp = mp.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
                        out.put(MimeUtility.decodeText(bp.getFileName()), bp.getInputStream().readAllBytes().length);
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The first attachment's bytes. */
    public static byte[] firstAttachment(MimeMessage m) {
        try {
            Multipart mp = (Multipart) m.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(bp.getDisposition())) {
                    return bp.getInputStream().readAllBytes();
                }
            }
            throw new AssertionError("no attachment");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a message (its first text/plain part). */
    public static String text(MimeMessage m) {
        try {
            Object c = m.getContent();
            if (c instanceof String s) {
                return s;
            }
            Multipart mp = (Multipart) c;
            return (String) mp.getBodyPart(0).getContent();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A reply as mail programs write it: "Re: " + the subject, In-Reply-To and References, the
     * answer on top and the request quoted below an attribution line.
     */
    public MimeMessage reply(MimeMessage request, String from, String answer) {
        try {
            MimeMessage r = mail(from, "Re: " + subject(request), "");
            String id = request.getMessageID();
            r.setHeader("In-Reply-To", id);
            String refs = header(request, "References");
            r.setHeader("References", (refs == null ? "" : refs + " ") + id);
            StringBuilder quoted = new StringBuilder();
            for (String line : text(request).split("\r?\n")) {
                quoted.append("> ").append(line).append('\n');
            }
            r.setText(answer + "\n\nOn Mon, 5 Jan 2026 at 10:00, memoflow <" + MEMOFLOW + "> wrote:\n" + quoted, "UTF-8");
            r.saveChanges();
            return r;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same message again with a new Message-ID (a second, different mail with the same content). */
    public MimeMessage resent(MimeMessage m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            MimeMessage copy = new MimeMessage(m.getSession(), new ByteArrayInputStream(out.toByteArray()));
            copy.setHeader("Message-ID", messageId());
            return copy;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages in a folder of memoflow's mailbox, and how many of them are unread/flagged deleted. */
    public record FolderState(int messages, int unseen, int deleted) {
    }

    public FolderState folder(String name) {
        try {
            ImapHostManager host = greenMail.getManagers().getImapHostManager();
            GreenMailUser user = greenMail.getUserManager().getUser(MEMOFLOW);
            MailFolder folder = host.getFolder(user, name);
            if (folder == null) {
                return new FolderState(0, 0, 0);
            }
            int unseen = 0;
            int deleted = 0;
            List<StoredMessage> messages = folder.getMessages();
            for (StoredMessage sm : messages) {
                if (!sm.isSet(jakarta.mail.Flags.Flag.SEEN)) {
                    unseen++;
                }
                if (sm.isSet(jakarta.mail.Flags.Flag.DELETED)) {
                    deleted++;
                }
            }
            return new FolderState(messages.size(), unseen, deleted);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subjects of the messages in a folder of memoflow's mailbox. */
    public List<String> subjects(String folderName) {
        List<String> out = new ArrayList<>();
        try {
            MailFolder folder = greenMail.getManagers().getImapHostManager()
                    .getFolder(greenMail.getUserManager().getUser(MEMOFLOW), folderName);
            if (folder != null) {
                for (StoredMessage sm : folder.getMessages()) {
                    out.add(MimeUtility.decodeText(sm.getMimeMessage().getHeader("Subject", null)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Raw bytes from text lines joined with CRLF (for hand-made mails). */
    public static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
