package io.leadflow.email;

/** A template cannot be found, loaded or rendered; the message names the template file. */
public class EmailTemplateException extends RuntimeException {

    public EmailTemplateException(String message) {
        super(message);
    }

    public EmailTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
