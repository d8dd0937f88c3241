package io.memoflow.document;

import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.IslamicCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** Dates as printed on memoranda: Gregorian in the document's language, Hijri (Umm al-Qura) for Arabic. */
final class Dates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Dates() {
    }

    /** Locale for dates: the document's language with Western digits, as Moroccan and most official Arabic use. */
    static ULocale locale(String language) {
        return new ULocale(Labels.primary(language) + "@numbers=latn");
    }

    static String gregorian(Instant instant, String language, ZoneId zone) {
        SimpleDateFormat f = new SimpleDateFormat("d MMMM y", locale(language));
        f.setTimeZone(TimeZone.getTimeZone(zone.getId()));
        return f.format(Date.from(instant));
    }

    /** The Hijri date (Umm al-Qura calendar), in Arabic, e.g. "8 شعبان 1447 هـ". */
    static String hijri(Instant instant, ZoneId zone) {
        ULocale locale = new ULocale("ar@calendar=islamic-umalqura;numbers=latn");
        TimeZone tz = TimeZone.getTimeZone(zone.getId());
        IslamicCalendar calendar = new IslamicCalendar(tz, locale);
        calendar.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
        SimpleDateFormat f = new SimpleDateFormat("d MMMM y", locale);
        f.setCalendar(calendar);
        f.setTimeZone(tz);
        return f.format(Date.from(instant)) + " هـ";
    }

    /** Date and time for the audit page, e.g. "2026-01-27 10:15 UTC". */
    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }
}
