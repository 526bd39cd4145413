package io.leadflow.platform;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** A page's text chosen in Java (a flash, an error), put in the reader's language when the page renders. */
public final class PageMessage {

    /** Spring Boot's spring.messages.basename, left at its default. */
    private static final String BUNDLE = "messages";

    private PageMessage() {
    }

    /** The message {@code code} of messages*.properties, with its arguments. */
    public static MessageSourceResolvable of(String code, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {code}, args);
    }

    /** The codes under {@code prefix} (as "prefix.rest", given as "rest"): the texts a page hands its script. */
    public static List<String> codesUnder(String prefix) {
        ResourceBundle messages = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return messages.keySet().stream().filter(code -> code.startsWith(prefix + "."))
                .map(code -> code.substring(prefix.length() + 1)).sorted().toList();
    }
}
