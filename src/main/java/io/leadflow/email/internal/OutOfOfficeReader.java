package io.leadflow.email.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an automatic reply's words, Spanish or English, for an absence (out of office, on holiday, on leave) and the
 * day the person is back. A date is taken only where a return or "until" cue comes shortly before it ("vuelvo el 14
 * de enero", "fuera hasta el 14/01", "I'll be back on January 14", "returning 14 Jan 2027", "until 01/14", "del 2 al
 * 14 de enero"); of several, the latest. A date without a year is the next such day on or after the reply's own day;
 * a weekday alone ("back on Monday") the next such weekday after it, "tomorrow"/"mañana" the day after it. A numeric
 * date is day/month when its first number is above 12, month/day when its second is, and otherwise follows the words
 * around it: day/month in Spanish, month/day in English (the US habit) unless the sender's address is of a country
 * that writes day/month (.uk, .ie, .au, .nz, .za, .in).
 */
final class OutOfOfficeReader {

    /** An absence, with the day the person said they are back (null when the reply gives none). */
    record Absence(LocalDate returnsOn) {
    }

    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH = "(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
            + "|diciembre|january|february|march|april|june|july|august|september|october|november|december"
            + "|ene|feb|mar|abr|may|jun|jul|ago|sept|sep|set|oct|nov|dic|jan|apr|aug|dec)\\.?";
    private static final String WEEKDAY = "(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday"
            + "|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\\.?,?";
    private static final String ORDINAL = "(?:st|nd|rd|th|º|°|o)?";
    private static final String YEAR = "(?:,?\\s+(?:de\\s+|del\\s+)?(\\d{4}))?";

    /** Words that say the person is away, whatever date follows (or none); without accents and apostrophes. */
    private static final Pattern AWAY = Pattern.compile("\\b(?:"
            + "fuera de (?:la )?oficina|fuera del? (?:pais|despacho)|estoy fuera|estare fuera|me encuentro fuera|de vacaciones"
            + "|ausente|ausencia|de viaje|de permiso|de baja (?:medica|por|maternal|paternal)|permiso (?:de|por) (?:maternidad|paternidad)"
            + "|sin acceso (?:a|al) (?:mi )?correo|acceso limitado (?:a|al) (?:mi )?correo|no estare disponible|vuelvo|volvere"
            + "|regreso|regresare|me reincorporo|me reincorporare|de vuelta|de regreso"
            + "|out of (?:the )?office|ooo|on (?:annual |parental |maternity |paternity |sick |medical )?leave|on vacation|on holiday"
            + "|away from (?:the |my )?(?:office|desk|email)|(?:i am|im|i will be|ill be|currently) away|annual leave"
            + "|(?:limited|no) access to (?:my )?e-?mail|travell?ing|(?:be|im|i am) back|returning|(?:will|ill|i) return"
            + "|back in the office|not in the office)\\b");

    /** Words just before a date that make it the day of return (or the last day away). */
    private static final String CUE = "(?:vuelvo|volvere|regreso|regresare|retorno|me reincorporo|me reincorporare|reincorporacion"
            + "|de vuelta|de regreso|hasta|al|back|return|returning|returns|until|till|til|through|thru|resume|resuming|to)";
    private static final Pattern CUED = Pattern.compile("\\b" + CUE + "\\b.{0,40}$");
    /** Where a sentence (or one language's half of a bilingual line, "… / …") ends. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?:\\s|$)|\\n|\\s/\\s");

    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})" + ORDINAL + "\\s+(?:de\\s+|of\\s+)?" + MONTH + "(?![a-z])" + YEAR);
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})" + ORDINAL + "(?![\\d/])" + YEAR);
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    /** 14/01, 14/01/2027, 14.01.27, 14-01-2027: a dot or a dash only with a year, so "9.30" or "1-2 weeks" is no date. */
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d/.-])(\\d{1,2})(?:/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?"
            + "|([.-])(\\d{1,2})\\4(\\d{4}|\\d{2}))(?![\\d/-]|\\.\\d)");
    private static final Pattern DAY_ONLY = Pattern.compile("\\b(?:el (?:dia )?|the )(\\d{1,2})" + ORDINAL + "(?![\\d/:-]|\\.\\d|\\s*(?:de\\s+|of\\s+)?" + MONTH + ")");
    private static final Pattern WEEKDAY_ONLY = Pattern.compile("\\b(" + WEEKDAY.replace(",?", "") + ")(?![a-z])"
            + "(?!,?\\s+(?:\\d|el \\d|the \\d|(?:de |of )?" + MONTH + "))");
    private static final Pattern TOMORROW = Pattern.compile("\\b(manana|tomorrow)\\b");
    /** A month alone after a word that points to it ("hablemos en marzo", "after March 2027"): its first day. */
    private static final Pattern MONTH_ALONE = Pattern.compile("\\b(?:en|para|hasta|desde|despues de|a partir de|in|until|till|after|from)"
            + "\\s+(?:(?:el mes de|principios de|inicios de|the month of|early)\\s+)?" + MONTH + "(?![a-z])" + YEAR);
    /** Spanish words shortly before a numeric date make it day/month. */
    private static final Pattern SPANISH = Pattern.compile("\\b(?:el|la|de|del|al|hasta|dia|vuelvo|volvere|regreso|regresare"
            + "|reincorporo|retorno|vuelta)\\b");
    /** How far before a date, inside its sentence, its cue or its language's words are looked for. */
    private static final int CONTEXT = 60;
    /** A dot after an abbreviated weekday or month ("Mon. Jan. 14") ends no sentence. */
    private static final Pattern ABBREVIATION_DOT = Pattern.compile("\\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr"
            + "|ago|set|dic|mon|tue|tues|wed|thu|thurs|fri|sat|sun|lun|mie|jue|vie|sab|dom)\\.");
    private static final List<String> DAY_FIRST_ENGLISH_DOMAINS = List.of(".uk", ".ie", ".au", ".nz", ".za", ".in");

    private OutOfOfficeReader() {
    }

    /**
     * The absence an automatic reply tells of, if it does.
     *
     * @param text         the reply's words (subject and body)
     * @param sentOn       the reply's own day (its Date header), which a date without a year is resolved from
     * @param senderDomain the sender's address domain, for the numeric dates of English text; may be null
     */
    static Optional<Absence> read(String text, LocalDate sentOn, String senderDomain) {
        String words = ownWords(text);
        if (!AWAY.matcher(words).find()) {
            return Optional.empty();
        }
        LocalDate latest = null;
        for (Found found : dates(words, sentOn, senderDomain)) {
            if (CUED.matcher(sentenceBefore(words, found.start())).find()
                    && (latest == null || found.day().isAfter(latest))) {
                latest = found.day();
            }
        }
        return Optional.of(new Absence(latest));
    }

    /**
     * The latest day after {@code sentOn} that a reply's own words name (not the mail it quotes): "escríbeme después del
     * 15 de marzo", "try me again in March" (a month alone is its first day). For a "not now" reply, when to come back.
     */
    static Optional<LocalDate> latestDay(String text, LocalDate sentOn, String senderDomain) {
        String words = ownWords(text);
        List<Found> found = dates(words, sentOn, senderDomain);
        List<int[]> taken = found.stream().map(day -> new int[] {day.start(), day.end()}).collect(Collectors.toCollection(ArrayList::new));
        scan(MONTH_ALONE, words, taken, m -> dated(sentOn, 1, MONTHS.get(m.group(1)), m.group(2)), found);
        return found.stream().map(Found::day).filter(day -> day.isAfter(sentOn)).max(Comparator.naturalOrder());
    }

    /** Subject and body as the readers read them: normalised, without what they quote, abbreviations' dots gone. */
    private static String ownWords(String text) {
        return ABBREVIATION_DOT.matcher(ReplyIntentClassifier.ownText(ReplyIntentClassifier.normalise(text == null ? "" : text)))
                .replaceAll("$1");
    }

    private record Found(int start, int end, LocalDate day) {
    }

    private static List<Found> dates(String words, LocalDate sentOn, String senderDomain) {
        List<Found> found = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        scan(ISO, words, taken, m -> date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), found);
        scan(DAY_MONTH, words, taken, m -> dated(sentOn, Integer.parseInt(m.group(1)), MONTHS.get(m.group(2)), m.group(3)), found);
        scan(MONTH_DAY, words, taken, m -> dated(sentOn, Integer.parseInt(m.group(2)), MONTHS.get(m.group(1)), m.group(3)), found);
        scan(NUMERIC, words, taken, m -> numeric(m, words, sentOn, senderDomain), found);
        scan(DAY_ONLY, words, taken, m -> nextDayOfMonth(sentOn, Integer.parseInt(m.group(1))), found);
        scan(WEEKDAY_ONLY, words, taken, m -> Optional.of(sentOn.with(TemporalAdjusters.next(weekday(m.group(1))))), found);
        scan(TOMORROW, words, taken, m -> Optional.of(sentOn.plusDays(1)), found);
        return found;
    }

    private interface Reading {
        Optional<LocalDate> day(Matcher match);
    }

    /** Adds each match of the pattern not inside an earlier, more specific one. */
    private static void scan(Pattern pattern, String words, List<int[]> taken, Reading reading, List<Found> found) {
        Matcher match = pattern.matcher(words);
        while (match.find()) {
            int start = match.start();
            int end = match.end();
            if (taken.stream().anyMatch(span -> start < span[1] && end > span[0])) {
                continue;
            }
            Optional<LocalDate> day = reading.day(match);
            if (day.isPresent()) {
                taken.add(new int[] {start, end});
                found.add(new Found(start, end, day.get()));
            }
        }
    }

    /** A day and month, with the year given or else the next such day on or after {@code sentOn}. */
    private static Optional<LocalDate> dated(LocalDate sentOn, int day, int month, String year) {
        if (year != null) {
            int full = Integer.parseInt(year);
            return date(year.length() == 2 ? 2000 + full : full, month, day);
        }
        try {
            MonthDay monthDay = MonthDay.of(month, day);
            LocalDate thisYear = monthDay.atYear(sentOn.getYear());
            return Optional.of(thisYear.isBefore(sentOn) ? monthDay.atYear(sentOn.getYear() + 1) : thisYear);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> numeric(Matcher match, String words, LocalDate sentOn, String senderDomain) {
        boolean slashed = match.group(2) != null;
        int first = Integer.parseInt(match.group(1));
        int second = Integer.parseInt(slashed ? match.group(2) : match.group(5));
        String year = slashed ? match.group(3) : match.group(6);
        boolean dayFirst;
        if (first > 12) {
            dayFirst = true;
        } else if (second > 12) {
            dayFirst = false;
        } else {
            dayFirst = SPANISH.matcher(sentenceBefore(words, match.start())).find()
                    || senderDomain != null && DAY_FIRST_ENGLISH_DOMAINS.stream().anyMatch(senderDomain.toLowerCase(Locale.ROOT)::endsWith);
        }
        return dayFirst ? dated(sentOn, first, second, year) : dated(sentOn, second, first, year);
    }

    /** The words of the sentence before {@code at}, at most {@link #CONTEXT} characters of them. */
    private static String sentenceBefore(String words, int at) {
        String before = words.substring(Math.max(0, at - CONTEXT), at);
        Matcher end = SENTENCE_END.matcher(before);
        int start = 0;
        while (end.find()) {
            start = end.end();
        }
        return before.substring(start);
    }

    private static Optional<LocalDate> nextDayOfMonth(LocalDate sentOn, int day) {
        if (day < 1) {
            return Optional.empty();
        }
        for (int months = 0; months < 3; months++) {
            LocalDate month = sentOn.plusMonths(months);
            if (day <= month.lengthOfMonth()) {
                LocalDate candidate = month.withDayOfMonth(day);
                if (!candidate.isBefore(sentOn)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static DayOfWeek weekday(String name) {
        return switch (name.replace(".", "").substring(0, 2)) {
            case "lu", "mo" -> DayOfWeek.MONDAY;
            case "ma", "tu" -> DayOfWeek.TUESDAY;
            case "mi", "we" -> DayOfWeek.WEDNESDAY;
            case "ju", "th" -> DayOfWeek.THURSDAY;
            case "vi", "fr" -> DayOfWeek.FRIDAY;
            case "sa" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> months = new java.util.HashMap<>();
        String[][] names = {
                {"enero", "ene", "january", "jan"}, {"febrero", "feb", "february"}, {"marzo", "mar", "march"},
                {"abril", "abr", "april", "apr"}, {"mayo", "may"}, {"junio", "jun", "june"}, {"julio", "jul", "july"},
                {"agosto", "ago", "august", "aug"}, {"septiembre", "setiembre", "sep", "sept", "set", "september"},
                {"octubre", "oct", "october"}, {"noviembre", "nov", "november"}, {"diciembre", "dic", "december", "dec"}};
        for (int month = 0; month < names.length; month++) {
            for (String name : names[month]) {
                months.put(name, month + 1);
            }
        }
        return Map.copyOf(months);
    }
}
