package io.memoflow.document;

import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.IslamicCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates as printed on memoranda: Gregorian in the document's language, Hijri (Umm al-Qura) for
 * Arabic. ICU formats are not thread safe: each use clones a prototype that is never used itself.
 */
final class Dates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, SimpleDateFormat> PROTOTYPES = new ConcurrentHashMap<>();
    private static final Map<String, ULocale> LOCALES = new ConcurrentHashMap<>();

    private Dates() {
    }

    /** The ICU locale of a BCP 47 tag, cached (parsing tags is slow; the cache is bounded: tags come from drafts). */
    static ULocale locale(String languageTag) {
        String tag = languageTag == null ? "" : languageTag;
        ULocale cached = LOCALES.get(tag);
        if (cached != null) {
            return cached;
        }
        ULocale locale = ULocale.forLanguageTag(tag);
        if (LOCALES.size() < 64) {
            LOCALES.put(tag, locale);
        }
        return locale;
    }

    /**
     * A Gregorian date in the document's language and region: {@code ar-MA} writes the month
     * names of Moroccan usage (يناير … نونبر دجنبر), {@code ar} those of the Middle East.
     */
    static String gregorian(Instant instant, String language, ZoneId zone) {
        String primary = Labels.primary(language);
        String lang = primary.matches("[a-z]{2,3}") ? primary : "en";
        String region = lang.equals(primary) ? locale(language).getCountry() : "";
        String tag = region.matches("[A-Z]{2}|[0-9]{3}") ? lang + "_" + region : lang;
        SimpleDateFormat proto = PROTOTYPES.computeIfAbsent("g|" + tag + "|" + zone.getId(), k -> {
            // the document's language with Western digits, as Moroccan and most official Arabic use
            SimpleDateFormat f = new SimpleDateFormat("d MMMM y", new ULocale(tag + "@numbers=latn"));
            f.setTimeZone(TimeZone.getTimeZone(zone.getId()));
            return f;
        });
        return ((SimpleDateFormat) proto.clone()).format(Date.from(instant));
    }

    /** The Hijri date (Umm al-Qura calendar), in Arabic, e.g. "8 شعبان 1447 هـ". */
    static String hijri(Instant instant, ZoneId zone) {
        SimpleDateFormat proto = PROTOTYPES.computeIfAbsent("h|" + zone.getId(), k -> {
            ULocale locale = new ULocale("ar@calendar=islamic-umalqura;numbers=latn");
            TimeZone tz = TimeZone.getTimeZone(zone.getId());
            IslamicCalendar calendar = new IslamicCalendar(tz, locale);
            calendar.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
            SimpleDateFormat f = new SimpleDateFormat("d MMMM y", locale);
            f.setCalendar(calendar);
            f.setTimeZone(tz);
            return f;
        });
        return ((SimpleDateFormat) proto.clone()).format(Date.from(instant)) + " هـ";
    }

    /** Date and time for the audit page, e.g. "2026-01-27 10:15 UTC". */
    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
