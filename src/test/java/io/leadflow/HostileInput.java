package io.leadflow;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests to the endpoints that take outside input: lead intake, CSV import, sequence preview and
 * unsubscribe. Wrong types, edges of numbers and instants, Unicode controls, bidi overrides, lone surrogates, repeated
 * keys, deep nesting, huge strings, broken CSV, bad ids and tokens, wrong content types, no API key.
 */
public final class HostileInput {

    /** One request as sent: a null content type sends none; {@code authorized} says whether the API key goes with it. */
    public record Request(String method, String path, String contentType, byte[] body, boolean authorized) {

        public boolean isApi() {
            return path.startsWith("/api/") || path.startsWith("/error");
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + contentType + (authorized ? "" : ", no key") + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "... (" + body.length + " bytes)" : text);
        }
    }

    private static final List<String> LEAD_FIELDS = List.of("type", "email", "firstName", "lastName", "jobTitle", "company",
            "companyDomain", "employees", "industry", "country", "timeZone", "language", "source", "visitorIp", "pagesViewed",
            "eventKind", "eventUrl", "referredBy");
    /** Characters that have broken text handling somewhere: controls, separators, bidi, surrogates, BOM, emoji. */
    private static final List<String> NASTY = List.of("\u0000", "\u0007", "\t", "\r\n", "\u001b", "\u007f", "\u0085", "\u009b",
            "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\ud800", "\udfff", "\ufeff", "\ufffd", "\uffff",
            "\ud83d\ude00", "e\u0301", "\u200d", "\"", "\\", ",", "'", "<script>", "%00", "../");
    private static final List<String> NUMBERS = List.of("0", "-1", "12", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "1e309", "-1e309", "1.5", "12.0", "1E2", "-0", "99999999999999999999999999999");
    private static final List<String> INSTANTS = List.of("2026-03-02T15:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "9998-12-31T23:59:59Z",
            "9999-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-03-02T15:00:00+05:00", "2026-03-02", "now", "");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/json;charset=UTF-16", "text/csv;charset=ISO-8859-1",
            "application/problem+json", "application/vnd.leadflow+json");

    private HostileInput() {
    }

    /** Every kind of hostile request, weighted towards the bodies where most can go wrong. */
    public static Arbitrary<Request> requests() {
        return Arbitraries.oneOf(intakeRequests(), sequenceRequests());
    }

    /** To the lead API: lead submissions, CSV imports, a lead by a malformed id, its unsubscribe. */
    public static Arbitrary<Request> intakeRequests() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, body("/api/leads", "application/json", leadJson())),
                Tuple.of(4, body("/api/leads/import", "text/csv", csv())),
                Tuple.of(1, wrongContentType("/api/leads", "/api/leads/import")),
                Tuple.of(1, ids().map(id -> new Request("GET", "/api/leads/" + id, null, new byte[0], true))),
                Tuple.of(1, ids().map(id -> new Request("POST", "/api/leads/" + id + "/unsubscribe", null, new byte[0], true))));
    }

    /** To sequences: previews, unsubscribes by one-click links. */
    public static Arbitrary<Request> sequenceRequests() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, body("/api/sequences/preview", "application/json", previewJson())),
                Tuple.of(1, wrongContentType("/api/sequences/preview")),
                Tuple.of(2, unsubscribes()));
    }

    /** A lead that mostly passes, with one field hostile: what gets past validation reaches the database. */
    public static Arbitrary<Request> nearlyValidLeads() {
        return body("/api/leads", "application/json", Combinators.combine(Arbitraries.of(LEAD_FIELDS), hostileValue(), Arbitraries.integers().between(0, 1_000_000))
                .as((field, value, n) -> {
                    List<String> entries = new ArrayList<>(List.of(pair("type", quoted("FORM_FILL")),
                            pair("email", quoted("fuzz" + n + "@example.com")), pair("country", quoted("CO"))));
                    entries.removeIf(entry -> entry.startsWith(quoted(field) + ":"));
                    entries.add(pair(field, value));
                    return "{" + String.join(",", entries) + "}";
                }));
    }

    private static Arbitrary<Request> body(String path, String contentType, Arbitrary<String> bodies) {
        return Combinators.combine(bodies, Arbitraries.integers().between(0, 19), Arbitraries.integers().between(0, 9))
                .as((text, keyDice, encodingDice) -> new Request("POST", path, contentType, encode(text, encodingDice), keyDice != 0));
    }

    /** Mostly UTF-8; sometimes a BOM first, or bytes that are not UTF-8 at all. */
    private static byte[] encode(String text, int dice) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = switch (dice) {
            case 0 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            case 1 -> new byte[] {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
            default -> new byte[0];
        };
        byte[] bytes = new byte[prefix.length + utf8.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(utf8, 0, bytes, prefix.length, utf8.length);
        return bytes;
    }

    static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NASTY).list().ofMaxSize(4).flatMap(nasty -> Arbitraries.strings().alpha().ofMaxLength(12)
                        .map(word -> word + String.join("", nasty)))),
                Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(" .-@").ofMaxLength(30)),
                Tuple.of(3, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(20)),
                Tuple.of(1, Arbitraries.integers().between(200, 70_000).map("x"::repeat)));
    }

    /** Any JSON value text, some of it not JSON at all. */
    static Arbitrary<String> hostileValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, hostileText().map(HostileInput::quoted)),
                Tuple.of(3, Arbitraries.of(NUMBERS)),
                Tuple.of(2, Arbitraries.of(NUMBERS).map(HostileInput::quoted)),
                Tuple.of(2, Arbitraries.of("true", "false", "null", "\"true\"", "\"FORM_FILL\"", "\"form_fill\"", "\"COMPANY_VISIT\"")),
                Tuple.of(2, hostileText().map(HostileInput::quoted).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]")),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                Tuple.of(1, Arbitraries.of("tru", "'x'", "NaN", "Infinity", "0x10", "01", "\"unclosed", "{", "]", "")));
    }

    private static Arbitrary<String> leadJson() {
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(LEAD_FIELDS)),
                Tuple.of(1, hostileText()));
        Arbitrary<String> entry = Combinators.combine(key, hostileValue()).as(HostileInput::pair);
        Arbitrary<String> object = entry.list().ofMaxSize(8).flatMap(entries -> Arbitraries.integers().between(0, 3).map(dice -> {
            List<String> all = new ArrayList<>(entries);
            if (dice == 0 && !all.isEmpty()) {
                all.add(all.getFirst()); // a repeated key
            }
            return "{" + String.join(",", all) + "}";
        }));
        return Arbitraries.frequencyOf(Tuple.of(6, object), Tuple.of(2, hostileValue()),
                Tuple.of(1, object.map(json -> json.substring(0, json.length() / 2))),
                Tuple.of(1, object.map(json -> json + json)));
    }

    private static Arbitrary<String> previewJson() {
        Arbitrary<String> start = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(INSTANTS).map(HostileInput::quoted)),
                Tuple.of(2, hostileValue()));
        Arbitrary<String> country = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("CO", "co", "MX", "XX", "").map(HostileInput::quoted)),
                Tuple.of(2, hostileValue()));
        Arbitrary<String> zone = Arbitraries.frequencyOf(Tuple.of(3,
                        Arbitraries.of("America/Bogota", "UTC", "Z", "+05:00", "Mars/Base", "../../etc/passwd", "").map(HostileInput::quoted)),
                Tuple.of(2, hostileValue()));
        return Combinators.combine(start, country, zone, Arbitraries.integers().between(0, 5)).as((s, c, z, dice) -> switch (dice) {
            case 0 -> "{" + pair("start", s) + "," + pair("start", s) + "," + pair("country", c) + "," + pair("timeZone", z) + "}";
            case 1 -> "[" + s + "]";
            default -> "{" + pair("start", s) + "," + pair("country", c) + "," + pair("timeZone", z) + "}";
        });
    }

    private static Arbitrary<String> csv() {
        Arbitrary<String> column = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(LEAD_FIELDS)),
                Tuple.of(1, Arbitraries.of("", " ", " email ", "\ufefftype", "type\u0007", "\"email\"", "\"em\"\"ail\"")),
                Tuple.of(1, hostileText()));
        Arbitrary<String> cell = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("FORM_FILL", "COMPANY_VISIT", "csv@example.com", "CO", "12", "-1", "99999999999",
                        "America/Bogota", "/a|/b", "Rosa\u0007", " CO ", "")),
                Tuple.of(3, hostileText().map(text -> text.replace("\"", ""))),
                Tuple.of(2, hostileText().map(text -> "\"" + text.replace("\"", "\"\"") + "\"")),
                Tuple.of(1, Arbitraries.of("\"unclosed", "a\"b", "\"a\"b", "\"\"\"", "\r", "\n\n", ",,,")));
        Arbitrary<String> row = cell.list().ofMaxSize(8).map(cells -> String.join(",", cells));
        return Combinators.combine(column.list().ofMaxSize(8), row.list().ofMaxSize(6), Arbitraries.of("\n", "\r\n", "\r"))
                .as((header, rows, newline) -> String.join(",", header) + newline + String.join(newline, rows));
    }

    private static Arbitrary<Request> wrongContentType(String... paths) {
        return Combinators.combine(Arbitraries.of(paths), Arbitraries.of(CONTENT_TYPES).injectNull(0.2), hostileText())
                .as((path, type, text) -> new Request("POST", path, type, text.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Path ids, malformed or unknown, as path segments. */
    private static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.create(UUID::randomUUID).map(UUID::toString)),
                Tuple.of(2, Arbitraries.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "123", "-1", " ",
                        "00000000-0000-0000-0000-000000000000", "6f1c1a52-0c8e-4b8e-9d7e-3c2f0a4b5d61-extra", "x".repeat(5000))),
                Tuple.of(1, hostileText())).map(HostileInput::segment);
    }

    private static Arbitrary<Request> unsubscribes() {
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars("-_").ofLength(43)),
                Tuple.of(1, hostileText())).map(HostileInput::segment);
        return Combinators.combine(ids(), token, Arbitraries.integers().between(0, 2)).as((id, t, dice) -> switch (dice) {
            case 0 -> new Request("GET", "/unsubscribe/" + id + "/" + t, null, new byte[0], false);
            default -> new Request("POST", "/unsubscribe/" + id + "/" + t, "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click".getBytes(StandardCharsets.UTF_8), false);
        });
    }

    private static String segment(String text) {
        return UriUtils.encodePathSegment(text.isBlank() ? "%20" : text, StandardCharsets.UTF_8);
    }

    /**
     * Bad input's contract: never a 5xx; a 4xx from the API is problem+json; the one-click pages answer people in
     * HTML (or problem+json when the client asked for no HTML).
     */
    public static void assertAnswered(Request request, int status, String contentType) {
        assertThat(status).as("status of %s", request).isLessThan(500);
        if (status >= 400) {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            assertThat(type).as("content type of the %s answer to %s", status, request).isNotNull();
            if (request.isApi()) {
                assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("a %s %s answer to %s", status, type, request).isTrue();
            } else {
                assertThat(type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .as("a %s %s answer to %s", status, type, request).isTrue();
            }
        }
    }

    private static String pair(String key, String value) {
        return quoted(key) + ":" + value;
    }

    /** A JSON string, every character outside printable ASCII escaped, so lone surrogates travel as they are. */
    static String quoted(String text) {
        return text.chars().mapToObj(c -> c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : "\\u%04x".formatted(c)).collect(Collectors.joining("", "\"", "\""));
    }
}
