package io.memoflow.mail;

import io.memoflow.draft.Languages;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/**
 * Writes memoflow's e-mails as RFC 5322 messages: requests for a decision (with the DRAFT PDF
 * and the assignee's token), changes requested, rejected, completed (with the signed PDF),
 * acknowledgements, reminders and escalations. Arabic memoranda get Arabic text first and
 * English below. Every message about one memorandum carries {@code References} to the
 * memorandum's thread id, so mail clients thread them together. No Camel here.
 */
public final class MailComposer {


    static {
        // jakarta.mail looks its stream provider up with a ServiceLoader (a search of every jar) for every body part and
        // every encoded header unless this names it
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        try {
            Class.forName(provider, false, ClassLoader.getSystemClassLoader());
            System.getProperties().putIfAbsent(StreamProvider.class.getName(), provider);
        } catch (ClassNotFoundException | LinkageError e) {
            // another mail implementation: it is found by the ServiceLoader as before
        }
    }

    private final String from;
    private final String domain;
    private final Tokens tokens;
    private final DecisionLinks links;
    private final String baseUrl;
    private final Session session;
    private final EncodedAttachments encoded = new EncodedAttachments();

    public MailComposer(String from, Tokens tokens) {
        this(from, tokens, null, null);
    }

    /**
     * @param links   issues the personal decision links of the web desk, or null: the mails carry none
     * @param baseUrl where the web desk is reached (memoflow.web.base-url), without a trailing slash
     */
    public MailComposer(String from, Tokens tokens, DecisionLinks links, String baseUrl) {
        this.links = links;
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        this.from = from;
        int at = from.lastIndexOf('@');
        this.domain = at >= 0 ? from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "") : "memoflow.invalid";
        this.tokens = tokens;
        Properties p = new Properties();
        p.setProperty("mail.mime.charset", "UTF-8");
        this.session = Session.getInstance(p);
    }

    /** The domain of memoflow's Message-IDs (from its sender address). */
    public String domain() {
        return domain;
    }

    /** The Message-ID of a work item's mail. */
    public String messageId(WorkItem w) {
        return "<" + w.id + "@" + domain + ">";
    }

    /** The id every mail about a memorandum refers to. */
    public String threadId(String reference) {
        return "<" + reference + "@" + domain + ">";
    }

    /** The token an assignee gets in a request. */
    public String token(Memo memo, WorkItem w, String assignee) {
        return tokens.issue(memo.reference, w.version, w.stage, assignee);
    }

    /** The personal web link of an assignee's request (reminder, escalation), or null when the web desk is off. */
    public String decisionLink(Memo memo, WorkItem w) {
        if (links == null || baseUrl == null || !isDecisionRequest(w) || w.to.size() != 1) {
            return null;
        }
        return baseUrl + "/decide/" + links.issue(memo.reference, w.version, w.stage, w.to.get(0));
    }

    /**
     * Composes the mail for a work item.
     *
     * @param attachment the PDF to attach (DRAFT copy for requests, signed PDF for completion), or null
     * @param attachmentName its file name
     */
    public byte[] compose(Memo memo, WorkItem w, byte[] attachment, String attachmentName) {
        return composeWith(memo, w, attachment == null ? List.of() : List.of(new Attachment(attachmentName, attachment)), null);
    }

    /** A PDF attached to a mail. */
    public record Attachment(String name, byte[] pdf) {
    }

    /**
     * What changed since the version before, for a request on a version after the first: told in
     * the body, with the CHANGES PDF (its name here) among the attachments.
     */
    public record Changes(int fromVersion, int paragraphs, String attachmentName) {
    }

    /**
     * Composes the mail for a work item.
     *
     * @param attachments the PDFs to attach, in order (may be empty)
     * @param changes     what changed since the version before, told in a request's body; or null
     */
    public byte[] composeWith(Memo memo, WorkItem w, List<Attachment> attachments, Changes changes) {
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId(w));
                }
            };
            m.setFrom(new InternetAddress(from, "memoflow", "UTF-8"));
            m.setRecipients(Message.RecipientType.TO, addresses(w.to));
            if (!w.cc.isEmpty()) {
                m.setRecipients(Message.RecipientType.CC, addresses(w.cc));
            }
            m.setSentDate(Date.from(w.created));
            String submitted = submittedMessageId(memo, w);
            m.setHeader("In-Reply-To", submitted != null ? submitted : threadId(memo.reference));
            m.setHeader("References", threadId(memo.reference) + (submitted != null ? " " + submitted : ""));
            m.setHeader("X-Memoflow-Reference", memo.reference);
            m.setHeader("Auto-Submitted", "auto-generated");
            String token = null;
            if (isDecisionRequest(w) && w.to.size() == 1) {
                token = token(memo, w, w.to.get(0));
                m.setHeader("X-Memoflow-Token", token);
            }
            m.setSubject(subject(memo, w, token), "UTF-8");
            String body = body(memo, w, token, changes);
            if (attachments.isEmpty()) {
                m.setText(body, "UTF-8");
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body, "UTF-8");
                MimeMultipart mp = new MimeMultipart();
                mp.addBodyPart(text);
                for (Attachment a : attachments) {
                    // encoded with the JDK's MIME base64 (76-character lines), much faster than the mail library's stream,
                    // once for all the mails that attach the same PDF
                    PreencodedMimeBodyPart pdf = new PreencodedMimeBodyPart("base64");
                    pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(encoded.base64(a.pdf()), "application/pdf")));
                    pdf.setFileName(MimeUtility.encodeText(a.name(), "UTF-8", null));
                    pdf.setDisposition(MimeBodyPart.ATTACHMENT);
                    // said before saving, or the mail library reads the whole encoded text once more to choose an encoding
                    pdf.setHeader("Content-Transfer-Encoding", "base64");
                    mp.addBodyPart(pdf);
                }
                m.setContent(mp);
            }
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot compose the mail " + w.id + ": " + e.getMessage(), e);
        }
    }

    /** For the acknowledgement of a draft that came by mail: the Message-ID of that mail, so it threads with it. */
    private static String submittedMessageId(Memo memo, WorkItem w) {
        if (!"acknowledgement".equals(w.template)) {
            return null;
        }
        String key = memo.versionRecord(w.version).map(v -> v.intakeKey).orElse(null);
        if (key != null && key.startsWith("mail:<") && key.endsWith(">") && key.length() < 260 && !key.matches("(?s).*[\\s\\p{Cntrl}].*")) {
            return key.substring("mail:".length());
        }
        return null;
    }

    private static boolean isDecisionRequest(WorkItem w) {
        return "request".equals(w.template) || "reminder".equals(w.template) || "escalation".equals(w.template);
    }

    private static InternetAddress[] addresses(List<String> list) throws MessagingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = new InternetAddress(list.get(i), true);
        }
        return out;
    }

    String subject(Memo memo, WorkItem w, String token) {
        boolean ar = Languages.isRightToLeft(memo.language);
        String tag = "[" + memo.reference + (token == null ? "" : " " + token) + "] ";
        // one line, and nothing a header or a terminal would obey: white space (CR and LF included) as one space,
        // every other control character and bidirectional control shown as [U+XXXX]
        String title = UntrustedText.visible(memo.title == null ? "" : memo.title.replaceAll("[\\s\\u0085\\u2028\\u2029]+", " "));
        String en = switch (w.template) {
            case "request" -> "Decision requested: ";
            case "reminder" -> "Reminder, decision requested: ";
            case "escalation" -> "Escalated, decision requested: ";
            case "changes" -> "Changes requested: ";
            case "rejected" -> "Rejected: ";
            case "completed" -> "Signed: ";
            case "acknowledgement" -> "Received: ";
            case "expired" -> "Expired: ";
            case "refused" -> "Reply not counted: ";
            case "new-version" -> "New version " + w.version + ": ";
            default -> "";
        };
        String arabic = switch (w.template) {
            case "request" -> "طلب قرار: ";
            case "reminder" -> "تذكير بطلب قرار: ";
            case "escalation" -> "تصعيد طلب قرار: ";
            case "changes" -> "طلب تعديلات: ";
            case "rejected" -> "مرفوضة: ";
            case "completed" -> "موقعة: ";
            case "acknowledgement" -> "تم الاستلام: ";
            case "expired" -> "انتهت المهلة: ";
            case "refused" -> "رد لم يُحتسب: ";
            case "new-version" -> "إصدار جديد " + w.version + ": ";
            default -> "";
        };
        return tag + (ar ? arabic : en) + title;
    }

    String body(Memo memo, WorkItem w, String token) {
        return body(memo, w, token, null);
    }

    String body(Memo memo, WorkItem w, String token, Changes changes) {
        StringBuilder sb = new StringBuilder();
        boolean request = isDecisionRequest(w) && changes != null;
        if (Languages.isRightToLeft(memo.language)) {
            sb.append(arabic(memo, w, token));
            if (request) {
                sb.append('\n').append(arabicChanges(changes));
            }
            sb.append("\n\n-- English --\n\n");
        }
        sb.append(english(memo, w, token));
        if (request) {
            sb.append('\n').append(englishChanges(changes));
        }
        sb.append("\n-- \nmemoflow · ").append(memo.reference).append(" · version ").append(w.version).append('\n');
        return sb.toString();
    }

    private String english(Memo memo, WorkItem w, String token) {
        String ref = memo.reference;
        String title = UntrustedText.visible(memo.title);
        StringBuilder sb = new StringBuilder();
        switch (w.template) {
            case "request", "reminder", "escalation" -> {
                if ("reminder".equals(w.template)) {
                    sb.append("This is a reminder: your decision is still awaited.\n\n");
                } else if ("escalation".equals(w.template)) {
                    sb.append("The deadline of this stage has passed; the decision is escalated to you.\n\n");
                }
                sb.append("Your decision is requested on the memorandum ").append(ref).append(" \"").append(title)
                        .append("\" (version ").append(w.version).append(", stage '").append(w.stage).append("').\n")
                        .append("The draft is attached as a PDF marked DRAFT.\n\n");
                String link = decisionLink(memo, w);
                if (link != null) {
                    sb.append("Read it and decide in your browser (this link is yours alone; do not forward it):\n  ").append(link)
                            .append("\n\n");
                }
                sb.append("To decide, reply to this mail. The first word of your reply is your decision:\n")
                        .append("  APPROVE, CHANGES or REJECT (or موافق / تعديل / رفض).\n")
                        .append("The rest of the first paragraph is your comment.\n");
                if (token != null) {
                    sb.append("Keep this token in the reply (it is in the subject): ").append(token).append('\n');
                }
                sb.append("\nOr, with access to the memoflow folder:\n  memoflow decide ").append(ref).append(" approve --as ")
                        .append(w.to.isEmpty() ? "YOU@EXAMPLE.ORG" : w.to.get(0)).append(" --version ").append(w.version)
                        .append(" [--comment \"...\"]\n");
            }
            case "changes" -> sb.append("Changes were requested on the memorandum ").append(ref).append(" \"").append(title)
                    .append("\" (version ").append(w.version).append(").\n\nComment: ")
                    .append(w.comment == null || w.comment.isBlank() ? "(none)" : UntrustedText.visible(w.comment))
                    .append("\n\nTo submit a new version, add 'reference: ").append(ref)
                    .append("' to the draft's front matter and drop it into the inbox again.\n");
            case "rejected" -> sb.append("The memorandum ").append(ref).append(" \"").append(title).append("\" was rejected (version ")
                    .append(w.version).append(").\n\nComment: ").append(w.comment == null || w.comment.isBlank() ? "(none)" : UntrustedText.visible(w.comment))
                    .append("\n\nA rejection is final.\n");
            case "completed" -> sb.append("The memorandum ").append(ref).append(" \"").append(title)
                    .append("\" is approved and signed. The signed PDF is attached.\n")
                    .append("Anyone can check its signatures and history offline: memoflow verify ").append(ref).append(".pdf\n");
            case "acknowledgement" -> sb.append("Your draft was received as the memorandum ").append(ref).append(" \"").append(title)
                    .append("\", version ").append(w.version).append(".\nUse this reference for new versions and questions.\n");
            case "expired" -> sb.append("The memorandum ").append(ref).append(" \"").append(title)
                    .append("\" expired: its final deadline passed before every stage approved.\n");
            case "refused" -> sb.append("A reply about the memorandum ").append(ref).append(" \"").append(title)
                    .append("\" did not count, and nothing was changed:\n\n").append(w.comment == null ? "" : UntrustedText.visible(w.comment))
                    .append("\n\nTo decide, reply to the latest request mail for ").append(ref)
                    .append(" from the address it was sent to, keep its subject (it holds your token), and make APPROVE, CHANGES or REJECT"
                            + " the first word of your reply.\n");
            case "new-version" -> sb.append("A new version of your memorandum ").append(ref).append(" \"").append(title)
                    .append("\" was submitted: version ").append(w.version).append(".\n")
                    .append(w.comment == null ? "" : w.comment + "\n")
                    .append("Its review starts again from the first stage.\n\nIf you did not submit it or expect it, check it now"
                            + " (memoflow status ").append(ref).append(") and tell the secretariat.\n");
            default -> sb.append("memoflow: ").append(ref).append('\n');
        }
        return sb.toString();
    }

    private static String englishChanges(Changes c) {
        String n = c.paragraphs() == 1 ? "1 paragraph" : c.paragraphs() + " paragraphs";
        if (c.paragraphs() == 0) {
            return "No paragraph changed since version " + c.fromVersion() + ". The comparison is attached as " + c.attachmentName() + ".\n";
        }
        return n + " changed since version " + c.fromVersion() + ". The changes are attached as " + c.attachmentName()
                + ": deleted words struck through (red), inserted words underlined (blue), moved paragraphs marked.\n";
    }

    private static String arabicChanges(Changes c) {
        if (c.paragraphs() == 0) {
            return "لم تتغير أي فقرة منذ الإصدار " + c.fromVersion() + ". المقارنة مرفقة في الملف " + c.attachmentName() + ".\n";
        }
        return "عدد الفقرات المعدلة منذ الإصدار " + c.fromVersion() + ": " + c.paragraphs() + ". التعديلات مرفقة في الملف "
                + c.attachmentName() + ": الكلمات المحذوفة مشطوبة (بالأحمر)، والمضافة مسطّر تحتها (بالأزرق)، والفقرات المنقولة مشار إليها.\n";
    }

    private String arabic(Memo memo, WorkItem w, String token) {
        String ref = memo.reference;
        String title = UntrustedText.visible(memo.title);
        StringBuilder sb = new StringBuilder();
        switch (w.template) {
            case "request", "reminder", "escalation" -> {
                if ("reminder".equals(w.template)) {
                    sb.append("تذكير: ما زال قراركم منتظرا.\n\n");
                } else if ("escalation".equals(w.template)) {
                    sb.append("انقضت مهلة هذه المرحلة، وأحيل إليكم القرار.\n\n");
                }
                sb.append("يرجى اتخاذ قرار بشأن المذكرة ").append(ref).append(" «").append(title).append("» (الإصدار ")
                        .append(w.version).append("، المرحلة '").append(w.stage).append("').\n")
                        .append("المسودة مرفقة بصيغة PDF وعليها علامة مسودة (DRAFT).\n\n");
                String link = decisionLink(memo, w);
                if (link != null) {
                    sb.append("للاطلاع عليها واتخاذ القرار في المتصفح (هذا الرابط خاص بكم، فلا تعيدوا توجيهه):\n  ").append(link)
                            .append("\n\n");
                }
                sb.append("للرد: أجيبوا على هذه الرسالة، وتكون الكلمة الأولى من الرد هي القرار:\n")
                        .append("  موافق أو تعديل أو رفض (APPROVE / CHANGES / REJECT).\n")
                        .append("وبقية الفقرة الأولى تعليقكم.\n");
                if (token != null) {
                    sb.append("احتفظوا بهذا الرمز في الرد (وهو في الموضوع): ").append(token).append('\n');
                }
            }
            case "changes" -> sb.append("طُلبت تعديلات على المذكرة ").append(ref).append(" «").append(title).append("» (الإصدار ")
                    .append(w.version).append(").\n\nالتعليق: ").append(w.comment == null || w.comment.isBlank() ? "(لا يوجد)" : UntrustedText.visible(w.comment))
                    .append("\n\nلتقديم إصدار جديد أضيفوا 'reference: ").append(ref).append("' إلى رأس المسودة وضعوها في صندوق الوارد.\n");
            case "rejected" -> sb.append("رُفضت المذكرة ").append(ref).append(" «").append(title).append("» (الإصدار ").append(w.version)
                    .append(").\n\nالتعليق: ").append(w.comment == null || w.comment.isBlank() ? "(لا يوجد)" : UntrustedText.visible(w.comment))
                    .append("\n\nالرفض نهائي.\n");
            case "completed" -> sb.append("تمت الموافقة على المذكرة ").append(ref).append(" «").append(title)
                    .append("» وتوقيعها. النسخة الموقعة مرفقة بصيغة PDF.\n");
            case "acknowledgement" -> sb.append("استُلمت مسودتكم بصفتها المذكرة ").append(ref).append(" «").append(title)
                    .append("»، الإصدار ").append(w.version).append(".\n");
            case "expired" -> sb.append("انتهت مهلة المذكرة ").append(ref).append(" «").append(title).append("» قبل اكتمال الموافقات.\n");
            case "refused" -> sb.append("لم يُحتسب رد بشأن المذكرة ").append(ref).append(" «").append(title)
                    .append("» ولم يتغير شيء. السبب مبيّن بالإنجليزية أدناه.\n")
                    .append("للرد: أجيبوا على آخر رسالة طلب قرار من العنوان الذي أرسلت إليه، مع الإبقاء على موضوعها (وفيه الرمز)،")
                    .append(" واجعلوا الكلمة الأولى: موافق أو تعديل أو رفض.\n");
            case "new-version" -> sb.append("قُدّم إصدار جديد من مذكرتكم ").append(ref).append(" «").append(title).append("»: الإصدار ")
                    .append(w.version).append(". تبدأ مراجعتها من جديد من المرحلة الأولى.\n")
                    .append("إن لم تقدموه أو لم تتوقعوه فتحققوا منه الآن (memoflow status ").append(ref)
                    .append(") وأبلغوا الأمانة. التفاصيل بالإنجليزية أدناه.\n");
            default -> sb.append(ref).append('\n');
        }
        return sb.toString();
    }


    /**
     * The base64 text of the PDFs attached lately: the completion mails of a memorandum (one per
     * party, one to the author) attach the same signed PDF, encoded once.
     */
    private static final class EncodedAttachments {
        private static final int KEPT = 8;
        private final Deque<byte[][]> recent = new ArrayDeque<>();

        byte[] base64(byte[] pdf) {
            synchronized (recent) {
                for (byte[][] e : recent) {
                    if (Arrays.equals(e[0], pdf)) {
                        return e[1];
                    }
                }
            }
            byte[] text = Base64.getMimeEncoder().encode(pdf);
            byte[] withEnd = Arrays.copyOf(text, text.length + 2);
            withEnd[text.length] = '\r';
            withEnd[text.length + 1] = '\n';
            synchronized (recent) {
                recent.addFirst(new byte[][] {pdf, withEnd});
                if (recent.size() > KEPT) {
                    recent.removeLast();
                }
            }
            return withEnd;
        }
    }
}
