package io.leadflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the documentation names is there: every class or test it names in backticks is declared in the source tree
 * (or is one of the libraries' classes listed here), and every relative link leads to a file, and to a heading of it
 * when it names one.
 */
class DocumentationTest {

    /** A capitalised name in backticks, perhaps with a member: {@code LeadFacts}, {@code Timeline.Type}. */
    private static final Pattern NAMED = Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:\\.[A-Za-z]\\w*)*`");
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Z]\\w*)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    /** The libraries' classes the documentation names, with the class path's name of each. */
    private static final Map<String, String> LIBRARY_CLASSES = Map.of(
            "MultipartReport", "org.eclipse.angus.mail.dsn.MultipartReport",
            "DeliveryStatus", "org.eclipse.angus.mail.dsn.DeliveryStatus",
            "SMTPAddressFailedException", "org.eclipse.angus.mail.smtp.SMTPAddressFailedException",
            "SMTPSenderFailedException", "org.eclipse.angus.mail.smtp.SMTPSenderFailedException",
            "SMTPSendFailedException", "org.eclipse.angus.mail.smtp.SMTPSendFailedException",
            "HierarchicalFolder", "com.icegreen.greenmail.store.HierarchicalFolder",
            "FetchCommand", "com.icegreen.greenmail.imap.commands.FetchCommand");

    /** Names in backticks that look like classes and are not: a field of {@code /proc/<pid>/status}. */
    private static final Set<String> NOT_CLASSES = Set.of("VmRSS");

    @Test
    void everyClassAndTestTheDocumentationNamesExists() throws IOException {
        Set<String> declared = declaredTypes();
        Set<String> named = new TreeSet<>();
        Matcher matcher = NAMED.matcher(Documentation.text(Documentation.pages()));
        while (matcher.find()) {
            if (looksLikeAClass(matcher.group(1))) {
                named.add(matcher.group(1));
            }
        }
        named.removeAll(NOT_CLASSES);

        assertThat(named).as("the classes the documentation names").isNotEmpty().allSatisfy(name -> assertThat(
                declared.contains(name) || isOnTheClassPath(LIBRARY_CLASSES.get(name)))
                .as("%s is declared in src/, workers/ or bench/ (or, a library's, in LIBRARY_CLASSES)", name).isTrue());
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndItsHeading() {
        for (Path page : Documentation.pages()) {
            Matcher link = LINK.matcher(Documentation.read(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                Path file = hash == 0 ? page : page.resolveSibling(hash < 0 ? target : target.substring(0, hash)).normalize();
                assertThat(file).as("%s links to %s", page, target).exists();
                if (hash >= 0) {
                    assertThat(anchors(file)).as("%s links to %s", page, target).contains(target.substring(hash + 1));
                }
            }
        }
    }

    /** A word in camel case, {@code LeadFacts} or {@code SMTPSendFailedException}; not {@code MQL}, {@code Location}. */
    private static boolean looksLikeAClass(String name) {
        return name.chars().anyMatch(Character::isLowerCase) && name.chars().filter(Character::isUpperCase).count() > 1;
    }

    private static Set<String> declaredTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String root : new String[] {"src", "workers", "bench"}) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path source : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                    Matcher matcher = DECLARED.matcher(Files.readString(source));
                    while (matcher.find()) {
                        types.add(matcher.group(1));
                    }
                }
            }
        }
        return types;
    }

    private static boolean isOnTheClassPath(String className) {
        if (className == null) {
            return false;
        }
        try {
            Class.forName(className, false, DocumentationTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A Markdown page's headings as GitHub anchors them: lower case, without punctuation, spaces as hyphens. */
    private static Set<String> anchors(Path page) {
        Matcher heading = HEADING.matcher(Documentation.read(page));
        return heading.results().map(found -> found.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
