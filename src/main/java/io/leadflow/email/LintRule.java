package io.leadflow.email;

/** The email rules of the sales methodology, plus what a template needs to render at all. */
public enum LintRule {
    CATALOG("catalog", "every .ftl file is named persona__industry__stage.language.ftl"),
    FALLBACK("fallback", "each language has any__any__<stage> for every stage"),
    RENDER("render", "renders with every sample lead, and for every lead type with any of the lead's optional fields missing"),
    OPENING("opening", "includes the opening of its language, _opening.<language>.ftl: the call it follows, the first email's line by lead type"),
    MISSING_VALUE("missing-value", "reads whole when a lead's optional field is missing: no space before punctuation, no double space, no empty quotes"),
    SUBJECT_TOKEN("subject-token", "the subject contains a ${lead.…} token"),
    SIGNATURE("signature", "a line \"--\" separates the message from the signature"),
    WORD_LIMIT("word-limit", "the message is under 200 words"),
    READER_FOCUS("reader-focus", "the reader is mentioned at least twice as often as the sender"),
    ENDS_WITH_QUESTION("ends-with-question", "the last line of the message ends with \"?\""),
    UNSUBSCRIBE_LINK("unsubscribe-link", "the body contains ${unsubscribeUrl}"),
    UNSUBSCRIBE_HTML_LINK("unsubscribe-html-link", "the HTML part shows ${unsubscribeUrl} as a link (<a href>)"),
    CONTENT_LINK("content-link", "an email that offers content (a guide, an ebook, a case study, a template…) prints ${content.url}"),
    SPANISH_REGISTER("spanish-register", "a Spanish email uses either tú or usted, not both"),
    SPANISH_QUESTION("spanish-question", "a Spanish question opens with ¿, in the subject and the body");

    private final String id;
    private final String description;

    LintRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
