package io.memoflow.mail;

import io.memoflow.RejectedInputException;
import io.memoflow.audit.AuditLog;
import io.memoflow.draft.DraftParser;
import io.memoflow.draft.TextDecoding;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incoming mail, read from its raw RFC 5322 bytes into what memoflow needs: who sent it,
 * its subject, the ids it replies to, its text (plain, or taken out of HTML) and its
 * attachments. Headers and texts are decoded the way Arabic mail really arrives (see
 * {@link EncodedWords} and {@link TextDecoding}). Hostile structure (too many parts, too deep,
 * a multipart without parts, a draft attachment over the limit) is refused with a reason.
 */
public final class IncomingMail {

    /** A text part of the body, and the charset it was decoded from. */
    public record Text(String mimeType, String text, String charset) {
    }

    /**
     * An attachment.
     *
     * @param name     its file name, decoded (for messages and the extension only; never a path)
     * @param mimeType e.g. text/plain
     * @param charset  the charset its Content-Type declares, or null
     * @param size     its size in bytes (after transfer decoding), or -1 when not read
     * @param bytes    its content when it is a draft candidate within the limit, else null
     */
    public record Attachment(String name, String mimeType, String charset, long size, byte[] bytes) {
        /** True for a file memoflow reads as a draft: .md, .txt, .markdown, .docx, .odt, .html, .htm, .pdf. */
        public boolean draftCandidate() {
            String n = name.toLowerCase(Locale.ROOT);
            return n.endsWith(".md") || n.endsWith(".txt") || n.endsWith(".markdown") || document();
        }

        /** True for a document format (Word, OpenDocument, HTML, PDF) that the draft parser reads from its bytes. */
        public boolean document() {
            return DraftParser.documentFormat(name) != null;
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,250}>");
    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.setProperty("mail.mime.decodeparameters", "true");
        p.setProperty("mail.mime.decodeparameters.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        SESSION = Session.getInstance(p);
    }

    private final byte[] raw;
    private String messageId;
    private String from;
    private String fromName = "";
    private String subject = "";
    private final List<String> replyTo = new ArrayList<>();
    private String tokenHeader;
    private String automatic;
    private final List<Text> texts = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private int parts;
    private boolean flowed;

    private IncomingMail(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Reads a mail.
     *
     * @throws RejectedInputException when it is over a limit or not a mail at all
     */
    public static IncomingMail parse(byte[] raw, MailLimits limits) {
        if (raw.length > limits.maxMailBytes()) {
            throw new RejectedInputException("The mail is " + raw.length + " bytes; memoflow reads mails of at most "
                    + limits.maxMailBytes() + " bytes.", "Send the draft as text or as a .md or .txt attachment without other large attachments.");
        }
        if (raw.length == 0) {
            throw new RejectedInputException("The mail is empty (0 bytes).", "");
        }
        IncomingMail mail = new IncomingMail(raw);
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            mail.readHeaders(m);
            mail.walk(m, 0, limits, false);
        } catch (MessagingException | IOException e) {
            throw new RejectedInputException("The mail cannot be read as a MIME message (" + e.getMessage() + ").",
                    "Send it again from an ordinary mail program.", e);
        } catch (RuntimeException e) {
            if (e instanceof RejectedInputException r) {
                throw r;
            }
            throw new RejectedInputException("The mail's structure is broken (" + e + ").", "Send it again from an ordinary mail program.", e);
        }
        return mail;
    }

    private void readHeaders(MimeMessage m) throws MessagingException {
        String id = first(m, "Message-ID");
        if (id != null) {
            Matcher mm = MESSAGE_ID.matcher(id);
            messageId = mm.find() ? mm.group() : null;
        }
        String rawFrom = first(m, "From");
        if (rawFrom != null) {
            try {
                InternetAddress[] list = InternetAddress.parseHeader(rawFrom.replaceAll("\r?\n", ""), false);
                if (list.length == 1 && list[0].getAddress() != null) {
                    String raw = list[0].getAddress().strip();
                    String address = raw.toLowerCase(Locale.ROOT);
                    if (Addresses.valid(raw)) { // before lower-casing: no folding of look-alikes
                        from = address;
                    }
                    String personal = list[0].getPersonal();
                    fromName = personal == null ? "" : EncodedWords.decode(personal).strip();
                }
            } catch (AddressException e) {
                from = null;
            }
        }
        String rawSubject = first(m, "Subject");
        subject = rawSubject == null ? "" : EncodedWords.decode(rawSubject).replaceAll("\\s+", " ").strip();
        for (String h : new String[] {"In-Reply-To", "References"}) {
            String[] values = m.getHeader(h);
            if (values != null) {
                for (String v : values) {
                    Matcher mm = MESSAGE_ID.matcher(v);
                    while (mm.find() && replyTo.size() < 100) {
                        if (!replyTo.contains(mm.group())) {
                            replyTo.add(mm.group());
                        }
                    }
                }
            }
        }
        String token = first(m, "X-Memoflow-Token");
        tokenHeader = token == null ? null : token.strip();
        automatic = automatic(m);
    }

    private static String automatic(MimeMessage m) throws MessagingException {
        String auto = first(m, "Auto-Submitted");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "it is marked Auto-Submitted: " + auto.strip();
        }
        String precedence = first(m, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return "it is marked Precedence: " + precedence.strip();
        }
        for (String h : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Replies"}) {
            if (first(m, h) != null) {
                return "it carries the header " + h + " (an automatic reply)";
            }
        }
        String type = first(m, "Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).contains("multipart/report")) {
            return "it is a delivery or read report (multipart/report)";
        }
        String from = first(m, "From");
        if (from != null && from.toLowerCase(Locale.ROOT).matches("(?s).*\\b(mailer-daemon|postmaster)@.*")) {
            return "it comes from a mail system (" + from.strip() + ")";
        }
        return null;
    }

    private static String first(Part p, String name) throws MessagingException {
        String[] v = p.getHeader(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    private void walk(MimePart part, int depth, MailLimits limits, boolean inAlternative) throws MessagingException, IOException {
        if (++parts > limits.maxParts()) {
            throw new RejectedInputException("The mail has more than " + limits.maxParts() + " MIME parts.",
                    "Send the draft as the text of an ordinary mail, or as one .md or .txt attachment.");
        }
        if (depth > limits.maxDepth()) {
            throw new RejectedInputException("The mail's parts are nested more than " + limits.maxDepth() + " levels deep.",
                    "Send the draft as the text of an ordinary mail, or as one .md or .txt attachment.");
        }
        ContentType type = type(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        String fileName = fileName(part);
        boolean attachment = fileName != null || Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        if (base.startsWith("multipart/")) {
            MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(content(part, -1), type.toString()));
            int count;
            try {
                count = mp.getCount();
            } catch (MessagingException e) {
                throw new RejectedInputException("The mail is a multipart message whose parts cannot be found (" + e.getMessage()
                        + "): there is no text in it.", "Write the draft into the mail, or attach it as a .md or .txt file.", e);
            }
            if (count == 0) {
                throw new RejectedInputException("The mail is a multipart message without any parts: there is no text in it.",
                        "Write the draft into the mail, or attach it as a .md or .txt file.");
            }
            if (base.equals("multipart/alternative")) {
                walkAlternative(mp, depth, limits);
            } else {
                for (int i = 0; i < count; i++) {
                    walk((MimePart) mp.getBodyPart(i), depth + 1, limits, false);
                }
            }
            return;
        }
        if (attachment || base.equals("message/rfc822")) {
            String name = fileName != null ? fileName : base.equals("message/rfc822") ? "forwarded.eml" : "attachment";
            Attachment a = new Attachment(name, base, type.getParameter("charset"), -1, null);
            if (a.draftCandidate()) {
                byte[] bytes = content(part, limits.maxDraftBytes());
                a = new Attachment(name, base, type.getParameter("charset"), bytes.length, bytes);
            }
            attachments.add(a);
            return;
        }
        if (base.equals("text/plain") || base.equals("text/html") || base.equals("text/markdown") || base.equals("text/x-markdown")) {
            byte[] bytes = content(part, limits.maxDraftBytes());
            TextDecoding.Decoded decoded = decodeText(bytes, base, type.getParameter("charset"));
            String text = decoded.text();
            if ("flowed".equalsIgnoreCase(type.getParameter("format"))) {
                text = unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
                flowed = true;
            }
            texts.add(new Text(base.equals("text/html") ? "text/html" : "text/plain", text, decoded.charset()));
            return;
        }
        // other inline parts (images of a signature, calendar invitations ...) are noted but not read
        attachments.add(new Attachment(fileName != null ? fileName : "inline-" + base.replace('/', '-'), base, null, -1, null));
    }

    private void walkAlternative(MimeMultipart mp, int depth, MailLimits limits) throws MessagingException, IOException {
        // prefer the plain text alternative; take the richest other one when there is none
        MimePart chosen = null;
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart bp = mp.getBodyPart(i);
            if (type((MimePart) bp).getBaseType().equalsIgnoreCase("text/plain")) {
                chosen = (MimePart) bp;
                break;
            }
        }
        if (chosen == null) {
            chosen = (MimePart) mp.getBodyPart(mp.getCount() - 1);
        }
        walk(chosen, depth + 1, limits, true);
    }

    static TextDecoding.Decoded decodeText(byte[] bytes, String base, String charset) {
        String label = charset;
        if (base.equals("text/html") && (label == null || TextDecoding.charsetForLabel(label).isEmpty())) {
            label = HtmlText.declaredCharset(bytes);
        }
        TextDecoding.Decoded decoded = TextDecoding.decodeDetailed(bytes, label);
        return base.equals("text/html") ? new TextDecoding.Decoded(HtmlText.toText(decoded.text()), decoded.charset()) : decoded;
    }

    /** RFC 3676 format=flowed: soft line breaks (a line ending in a space) joined, space-stuffing removed. */
    static String unflow(String text, boolean delsp) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String l = line.startsWith(" ") ? line.substring(1) : line;
            if (l.endsWith(" ") && !l.equals("-- ") && !l.startsWith(">")) {
                out.append(delsp ? l.substring(0, l.length() - 1) : l);
            } else {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    private static ContentType type(MimePart part) throws MessagingException {
        String header = first(part, "Content-Type");
        if (header == null) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(header.replaceAll("\r?\n", " "));
        } catch (ParseException e) {
            // a broken Content-Type: read the base type, if any, as text
            String base = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (base.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") && !base.startsWith("multipart/")) {
                return new ContentType(base.substring(0, base.indexOf('/')), base.substring(base.indexOf('/') + 1), null);
            }
            throw new RejectedInputException("A part of the mail has a Content-Type memoflow cannot read (" + MailText.printable(header) + ").",
                    "Send the mail again from an ordinary mail program.");
        }
    }

    private static String disposition(MimePart part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(MimePart part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException e) {
            name = null;
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        String decoded = EncodedWords.decodeParameter(name);
        decoded = decoded.replaceAll("[\\p{Cntrl}]", "").strip();
        int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
        decoded = decoded.substring(slash + 1);
        return decoded.isEmpty() ? null : decoded;
    }

    /** The transfer-decoded content of a part, refusing more than {@code max} bytes (-1: no limit but the mail's). */
    private static byte[] content(MimePart part, long max) throws MessagingException, IOException {
        InputStream in;
        try {
            in = part.getInputStream();
        } catch (MessagingException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("encoding")) {
                in = rawStream(part);
            } else {
                throw e;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream s = in) {
            int n;
            while ((n = s.read(buffer)) > 0) {
                total += n;
                if (max >= 0 && total > max) {
                    String name = fileName(part);
                    throw new RejectedInputException((name == null ? "The mail's text" : "The attachment \"" + MailText.printable(name) + "\"")
                            + " is larger than " + max + " bytes, the most memoflow accepts for a draft.",
                            "Shorten it, or ask for memoflow.limits.draft-bytes to be raised.");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static InputStream rawStream(MimePart part) throws MessagingException {
        if (part instanceof MimeBodyPart b) {
            return b.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        throw new MessagingException("no raw stream");
    }

    /**
     * "from X "subject" &lt;message-id&gt;" from the headers alone, for messages about a mail
     * that may not be readable as a whole; never fails.
     */
    public static String describe(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            return describe(first(m, "From"), first(m, "Subject"), first(m, "Message-ID"));
        } catch (MessagingException | RuntimeException e) {
            return "(headers unreadable)";
        }
    }

    /** "from X "subject" &lt;message-id&gt;" from raw header values (any of them may be null). */
    public static String describe(String rawFrom, String rawSubject, String rawMessageId) {
        String from = rawFrom == null ? "an unknown sender" : EncodedWords.decode(rawFrom).strip();
        String subject = rawSubject == null ? "" : EncodedWords.decode(rawSubject).replaceAll("\\s+", " ").strip();
        String id = "";
        if (rawMessageId != null) {
            Matcher mm = MESSAGE_ID.matcher(rawMessageId);
            id = mm.find() ? " " + mm.group() : "";
        }
        return "from " + MailText.printable(from) + " \"" + MailText.printable(subject) + "\"" + id;
    }

    /** The Message-ID, e.g. {@code <abc@example.org>}, or null when the mail has none. */
    public String messageId() {
        return messageId;
    }

    /** The sender's address (From), lower case, or null when the mail has no single valid one. */
    public String from() {
        return from;
    }

    /** The sender's display name, decoded, possibly empty. */
    public String fromName() {
        return fromName;
    }

    /** The subject, decoded, on one line. */
    public String subject() {
        return subject;
    }

    /** Message-IDs from In-Reply-To and References. */
    public List<String> repliesTo() {
        return List.copyOf(replyTo);
    }

    /** The X-Memoflow-Token header, or null. */
    public String tokenHeader() {
        return tokenHeader;
    }

    /** Why the mail looks automatic (auto-reply, bounce, list mail), or null when it looks written by a person. */
    public String automatic() {
        return automatic;
    }

    public List<Text> texts() {
        return List.copyOf(texts);
    }

    public List<Attachment> attachments() {
        return List.copyOf(attachments);
    }

    /** True when a text part was format=flowed. */
    public boolean flowed() {
        return flowed;
    }

    /** The body text: the plain text parts, else the text of the HTML parts; empty when there is none. */
    public String bodyText() {
        StringBuilder sb = new StringBuilder();
        boolean plain = texts.stream().anyMatch(t -> t.mimeType().equals("text/plain") && !t.text().isBlank());
        for (Text t : texts) {
            if (plain && !t.mimeType().equals("text/plain")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    /** The charset of the first text part {@link #bodyText()} uses, or UTF-8 when there is none. */
    public String bodyCharset() {
        boolean plain = texts.stream().anyMatch(t -> t.mimeType().equals("text/plain") && !t.text().isBlank());
        return texts.stream().filter(t -> !plain || t.mimeType().equals("text/plain")).map(Text::charset).findFirst().orElse("UTF-8");
    }

    /** Identifies this mail, so that reading it again is recognised: its Message-ID, else a hash of its bytes. */
    public String key() {
        return messageId != null ? "mail:" + messageId : "mail:sha256:" + AuditLog.sha256(raw);
    }

    public byte[] raw() {
        return raw.clone();
    }

    /** "from X, "subject"" for messages. */
    public String describe() {
        return "from " + (from == null ? "an unknown sender" : from) + " \"" + MailText.printable(subject) + "\"";
    }
}
