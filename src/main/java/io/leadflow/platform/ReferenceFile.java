package io.leadflow.platform;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** Reads the small reference lists shipped with leadflow (one entry a line, in order, '#' starts a comment). */
public final class ReferenceFile {

    private ReferenceFile() {
    }

    public static List<String> lines(String classpathResource) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : read(classpathResource).split("\\R")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                lines.add(entry);
            }
        }
        return List.copyOf(lines);
    }

    public static Properties properties(String classpathResource) {
        Properties properties = new Properties();
        try (var reader = new java.io.StringReader(read(classpathResource))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(String classpathResource) {
        try (InputStream in = new ClassPathResource(classpathResource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
