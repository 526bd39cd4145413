package io.leadflow.email;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.leadflow.email.TemplateKey.ANY;

/**
 * The sequence templates and the choice of one for a lead. Fallback order, most specific first:
 * persona + industry, persona + any industry, any persona + industry, any persona + any industry.
 * The language never falls back: a Spanish-speaking lead gets a Spanish email or none.
 * A file whose name starts with {@value #PART_PREFIX} is a part the templates include (the opening line by lead
 * type), not a template of its own.
 */
@Component
public class EmailTemplateCatalog {

    private static final String CLASSPATH_LOCATION = "email-templates/sequence/";

    static final String PART_PREFIX = "_";

    private final Map<TemplateKey, String> sources;
    private final Map<String, String> parts = new TreeMap<>();

    /** The templates shipped in the jar. */
    public EmailTemplateCatalog() {
        this(readClasspath());
    }

    private EmailTemplateCatalog(Map<String, String> sourcesByFileName) {
        Map<TemplateKey, String> byKey = new TreeMap<>((a, b) -> a.fileName().compareTo(b.fileName()));
        sourcesByFileName.forEach((fileName, source) -> {
            if (fileName.startsWith(PART_PREFIX)) {
                parts.put(fileName, source);
            } else {
                byKey.put(TemplateKey.fromFileName(fileName), source);
            }
        });
        this.sources = byKey;
    }

    /** The templates of a folder, so sales ops can lint a draft before it ships. */
    public static EmailTemplateCatalog fromDirectory(Path directory) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ftl")).toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read templates from " + directory, e);
        }
        return new EmailTemplateCatalog(sources);
    }

    /** All templates, ordered by file name. */
    public List<TemplateKey> templates() {
        return List.copyOf(sources.keySet());
    }

    /** The parts templates include, by file name: their Freemarker sources. */
    public Map<String, String> parts() {
        return Map.copyOf(parts);
    }

    /** The Freemarker source of a template. */
    public String source(TemplateKey key) {
        String source = sources.get(key);
        if (source == null) {
            throw new EmailTemplateException(key.fileName() + ": no such template");
        }
        return source;
    }

    /**
     * The best template for a lead. Persona, industry and language are matched case-insensitively;
     * an unknown or blank persona or industry counts as {@value TemplateKey#ANY}, and a language tag
     * such as "es-MX" counts as its language ("es").
     *
     * @throws IllegalArgumentException for an unknown stage or language
     * @throws EmailTemplateException   when not even the any__any template exists for the stage and language
     */
    public TemplateKey select(String persona, String industry, String stage, String language) {
        String wantedPersona = TemplateKey.PERSONAS.contains(normalise(persona)) ? normalise(persona) : ANY;
        String wantedIndustry = TemplateKey.isIndustry(normalise(industry)) ? normalise(industry) : ANY;
        String wantedStage = normalise(stage);
        String wantedLanguage = normalise(language).split("[-_]", 2)[0];
        return Stream.of(
                        new TemplateKey(wantedPersona, wantedIndustry, wantedStage, wantedLanguage),
                        new TemplateKey(wantedPersona, ANY, wantedStage, wantedLanguage),
                        new TemplateKey(ANY, wantedIndustry, wantedStage, wantedLanguage),
                        new TemplateKey(ANY, ANY, wantedStage, wantedLanguage))
                .filter(sources::containsKey)
                .findFirst()
                .orElseThrow(() -> new EmailTemplateException(
                        "No template for stage " + wantedStage + " in language " + wantedLanguage));
    }

    /** The template's A/B variant of that name, when it has one. */
    public Optional<TemplateKey> variant(TemplateKey template, String name) {
        return Optional.of(template.withVariant(name)).filter(sources::containsKey);
    }

    private static String normalise(String value) {
        return Objects.requireNonNullElse(value, "").strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> readClasspath() {
        Map<String, String> sources = new TreeMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + CLASSPATH_LOCATION + "*.ftl");
            for (Resource resource : resources) {
                sources.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read templates from classpath " + CLASSPATH_LOCATION, e);
        }
        return sources;
    }
}
