package io.leadflow.email.internal;

import io.leadflow.email.MailProperties;
import io.leadflow.email.SendingLimit;
import io.leadflow.email.SendingLimits;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Objects;

/** The limits of {@code leadflow.mail.limits.*}: a mailbox's own where it has one, else the default. */
@Component
class ConfiguredSendingLimits implements SendingLimits {

    private final MailProperties.Limits limits;

    ConfiguredSendingLimits(MailProperties settings) {
        this.limits = settings.limits();
    }

    @Override
    public SendingLimit limitOf(String mailbox) {
        MailProperties.Limits.PerMailbox own = limits.mailboxes().get(mailbox.toLowerCase(Locale.ROOT));
        if (own == null) {
            return new SendingLimit(limits.perDay(), limits.perHour());
        }
        return new SendingLimit(Objects.requireNonNullElse(own.perDay(), limits.perDay()),
                Objects.requireNonNullElse(own.perHour(), limits.perHour()));
    }
}
