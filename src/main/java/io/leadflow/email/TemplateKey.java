package io.leadflow.email;

import io.leadflow.lead.Personas;
import io.leadflow.lead.Locales;

import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies one sequence template. Its file is {@code persona__industry__stage.language.ftl};
 * {@value #ANY} as persona or industry marks a template that fits every persona or industry. An A/B variant of it
 * is {@code persona__industry__stage.language.variant.ftl} (null variant: the template itself).
 */
public record TemplateKey(String persona, String industry, String stage, String language, String variant) {

    public static final String ANY = "any";
    /** The personas a lead can have, and any. */
    public static final List<String> PERSONAS = Stream.concat(Personas.ALL.stream(), Stream.of(ANY)).toList();
    public static final List<String> STAGES = List.of("awareness", "consideration", "decision");
    public static final List<String> LANGUAGES = Locales.LANGUAGES;

    /** Industries are open-ended, but must not contain the "__" that separates the parts of a file name. */
    private static final Pattern INDUSTRY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VARIANT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern FILE_NAME = Pattern.compile("([^_]+)__([^_]+)__([^_.]+)\\.([^.]+)(?:\\.([^.]+))?\\.ftl");

    public TemplateKey(String persona, String industry, String stage, String language) {
        this(persona, industry, stage, language, null);
    }

    public TemplateKey {
        requireOneOf("persona", persona, PERSONAS);
        if (industry == null || !INDUSTRY.matcher(industry).matches()) {
            throw new IllegalArgumentException("industry must be lower-case words joined by '-', was " + industry);
        }
        requireOneOf("stage", stage, STAGES);
        requireOneOf("language", language, LANGUAGES);
        if (variant != null && !isVariant(variant)) {
            throw new IllegalArgumentException("variant must be lower-case words joined by '-', was " + variant);
        }
    }

    /** Reads a key back from a template's file name. */
    public static TemplateKey fromFileName(String fileName) {
        Matcher parts = FILE_NAME.matcher(fileName);
        if (!parts.matches()) {
            throw new EmailTemplateException(fileName + ": file name must be persona__industry__stage.language.ftl");
        }
        try {
            return new TemplateKey(parts.group(1), parts.group(2), parts.group(3), parts.group(4), parts.group(5));
        } catch (IllegalArgumentException e) {
            throw new EmailTemplateException(fileName + ": " + e.getMessage(), e);
        }
    }

    static boolean isIndustry(String value) {
        return INDUSTRY.matcher(value).matches();
    }

    /** Whether a name can be a variant's: lower-case words (letters, digits) joined by '-'. */
    public static boolean isVariant(String name) {
        return name != null && VARIANT.matcher(name).matches();
    }

    /** This template's A/B variant of that name. */
    public TemplateKey withVariant(String name) {
        return new TemplateKey(persona, industry, stage, language, name);
    }

    public String fileName() {
        return persona + "__" + industry + "__" + stage + "." + language + (variant == null ? "" : "." + variant) + ".ftl";
    }

    @Override
    public String toString() {
        return fileName();
    }

    private static void requireOneOf(String part, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(part + " must be one of " + allowed + ", was " + value);
        }
    }
}
