package io.leadflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code /actuator/prometheus} answered, read as series: a name, its labels and a value. */
public record PrometheusScrape(List<Series> series) {

    public record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static PrometheusScrape parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher matched = LINE.matcher(line.strip());
            if (line.startsWith("#") || !matched.matches()) {
                continue;
            }
            Map<String, String> labels = new java.util.HashMap<>();
            if (matched.group(2) != null) {
                Matcher label = LABEL.matcher(matched.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(matched.group(1), labels, Double.parseDouble(matched.group(3))));
        }
        return new PrometheusScrape(series);
    }

    /** The sum of the series of that name that carry these labels (others may have more); 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return series.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Series::value).sum();
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.forEach(s -> names.add(s.name()));
        return names;
    }
}
