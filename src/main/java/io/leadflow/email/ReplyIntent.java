package io.leadflow.email;

/**
 * What a person's reply to a sequence email means for the rep, told from its words (phrases in
 * {@code src/main/resources/email/reply-intents.txt}).
 */
public enum ReplyIntent {
    /** Wants to talk, or says nothing that tells otherwise: a reply is engagement. */
    INTERESTED,
    /** Maybe later: timing, budget, too busy now. */
    NOT_NOW,
    /** No: no interest or need, or already served. */
    NOT_INTERESTED,
    /** Not the one to talk to: has left the company, or someone else decides. */
    WRONG_PERSON,
    /** Asks to get no more emails. */
    UNSUBSCRIBE_REQUEST
}
