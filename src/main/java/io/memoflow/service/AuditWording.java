package io.memoflow.service;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument.AuditLine;
import io.memoflow.draft.Languages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Puts audit events into words for the audit page, in the document's language. */
public final class AuditWording {

    private AuditWording() {
    }

    public static List<AuditLine> lines(List<String> audit, String language) {
        boolean ar = Languages.isRightToLeft(language);
        boolean fr = !ar && language != null && language.toLowerCase(Locale.ROOT).matches("fr([-_].*)?");
        List<AuditLine> out = new ArrayList<>();
        for (AuditEvent e : AuditLog.of(audit).events()) {
            out.add(new AuditLine(e.at(), e.actor(), ar ? arabic(e) : fr ? french(e) : english(e)));
        }
        return out;
    }

    public static String english(AuditEvent e) {
        Map<String, String> d = e.detail();
        return switch (e.type()) {
            case "submitted" -> "Submitted by " + e.actor() + " via " + d.getOrDefault("channel", "?") + " (workflow "
                    + d.getOrDefault("workflow", "?") + ")";
            case "version" -> "Version " + d.getOrDefault("number", String.valueOf(e.version())) + " recorded, SHA-256 "
                    + d.getOrDefault("sha256", "") + (d.containsKey("unprintable")
                    ? "; WARNING: no font has " + d.get("unprintable") + " (printed as empty boxes)" : "");
            case "stage" -> "Stage '" + d.get("stage") + "' started: " + d.get("assignees") + " (" + d.get("policy") + ", "
                    + d.get("order") + ")";
            case "request" -> "Decision requested from " + d.get("to") + " (stage '" + d.get("stage") + "')";
            case "reminder" -> "Reminder sent to " + d.get("to");
            case "escalation" -> "Escalated to " + d.get("to") + " (stage '" + d.get("stage") + "')";
            case "deadline" -> "Deadline of stage '" + d.get("stage") + "' passed; waiting for " + d.get("waiting")
                    + "; escalated to " + d.get("escalated-to");
            case "decision" -> decided(d.getOrDefault("decision", "?")) + " by " + e.actor() + " via " + d.get("channel")
                    + (d.containsKey("comment") ? ": " + d.get("comment") : "");
            case "changes" -> "Changes requested by " + e.actor();
            case "rejected" -> "Rejected by " + e.actor();
            case "approved" -> "All stages approved";
            case "expired" -> "Expired: the final deadline passed";
            case "notification" -> "Mail '" + d.get("mail") + "' sent to " + d.get("to");
            case "signature" -> "Signed by " + e.actor();
            case "completed" -> "Completed: " + d.get("file");
            default -> e.type() + " " + d;
        };
    }

    /** The audit trail of a French memorandum, as its audit page prints it. */
    static String french(AuditEvent e) {
        Map<String, String> d = e.detail();
        return switch (e.type()) {
            case "submitted" -> "Soumis par " + e.actor() + " via " + frenchChannel(d.get("channel")) + " (circuit "
                    + d.getOrDefault("workflow", "?") + ")";
            case "version" -> "Version " + d.getOrDefault("number", String.valueOf(e.version())) + " enregistrée, SHA-256 "
                    + d.getOrDefault("sha256", "") + (d.containsKey("unprintable")
                    ? " ; ATTENTION : aucune police n'a " + d.get("unprintable") + " (imprimés comme des cases vides)" : "");
            case "stage" -> "Étape « " + d.get("stage") + " » ouverte : " + d.get("assignees");
            case "request" -> "Décision demandée à " + d.get("to") + " (étape « " + d.get("stage") + " »)";
            case "reminder" -> "Rappel envoyé à " + d.get("to");
            case "escalation" -> "Transmis à " + d.get("to") + " (étape « " + d.get("stage") + " »)";
            case "deadline" -> "Délai de l'étape « " + d.get("stage") + " » dépassé ; en attente de " + d.get("waiting")
                    + " ; transmis à " + d.get("escalated-to");
            case "decision" -> frenchDecision(d.getOrDefault("decision", "?")) + " par " + e.actor() + " via "
                    + frenchChannel(d.get("channel")) + (d.containsKey("comment") ? " : " + d.get("comment") : "");
            case "changes" -> "Modifications demandées par " + e.actor();
            case "rejected" -> "Rejeté par " + e.actor();
            case "approved" -> "Toutes les étapes approuvées";
            case "expired" -> "Expiré : le délai final est dépassé";
            case "notification" -> "Courriel « " + d.get("mail") + " » envoyé à " + d.get("to");
            case "signature" -> "Signé par " + e.actor();
            case "completed" -> "Terminé : " + d.get("file");
            default -> e.type() + " " + d;
        };
    }

    private static String frenchDecision(String word) {
        return switch (word) {
            case "approve" -> "Approuvé";
            case "changes" -> "Modifications demandées";
            case "reject" -> "Rejeté";
            default -> "Décision « " + word + " »";
        };
    }

    private static String frenchChannel(String c) {
        return switch (c == null ? "" : c) {
            case "file" -> "dossier";
            case "mail" -> "courriel";
            case "cli" -> "ligne de commande";
            default -> String.valueOf(c);
        };
    }

    static String arabic(AuditEvent e) {
        Map<String, String> d = e.detail();
        return switch (e.type()) {
            case "submitted" -> "قُدّمت من " + e.actor() + " عبر " + channel(d.get("channel")) + " (مسار " + d.getOrDefault("workflow", "?") + ")";
            case "version" -> "سُجّل الإصدار " + d.getOrDefault("number", String.valueOf(e.version())) + "، بصمة SHA-256 "
                    + d.getOrDefault("sha256", "");
            case "stage" -> "بدأت مرحلة '" + d.get("stage") + "': " + d.get("assignees");
            case "request" -> "طُلب القرار من " + d.get("to") + " (مرحلة '" + d.get("stage") + "')";
            case "reminder" -> "أُرسل تذكير إلى " + d.get("to");
            case "escalation" -> "صُعّد إلى " + d.get("to");
            case "deadline" -> "انقضت مهلة مرحلة '" + d.get("stage") + "'، وأحيلت إلى " + d.get("escalated-to");
            case "decision" -> decision(d.get("decision")) + " من " + e.actor() + " عبر " + channel(d.get("channel"))
                    + (d.containsKey("comment") ? ": " + d.get("comment") : "");
            case "changes" -> "طلب تعديلات من " + e.actor();
            case "rejected" -> "رفض من " + e.actor();
            case "approved" -> "اكتملت الموافقات في جميع المراحل";
            case "expired" -> "انتهت المهلة النهائية";
            case "notification" -> "أُرسلت رسالة إلى " + d.get("to");
            default -> e.type();
        };
    }

    private static String decision(String d) {
        return switch (d == null ? "" : d) {
            case "approve" -> "موافقة";
            case "changes" -> "طلب تعديلات";
            case "reject" -> "رفض";
            default -> String.valueOf(d);
        };
    }

    private static String channel(String c) {
        return switch (c == null ? "" : c) {
            case "file" -> "مجلد";
            case "mail" -> "البريد";
            case "cli" -> "سطر الأوامر";
            default -> String.valueOf(c);
        };
    }

    /** "Approved", "Changes requested", "Rejected": what a decision word says was done. */
    private static String decided(String word) {
        return switch (word) {
            case "approve" -> "Approved";
            case "changes" -> "Changes requested";
            case "reject" -> "Rejected";
            default -> "Decided '" + word + "'";
        };
    }
}
