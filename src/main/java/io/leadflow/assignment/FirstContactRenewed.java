package io.leadflow.assignment;

import java.time.Instant;
import java.util.UUID;

/**
 * A manager kept a lead whose first attempt was late with its rep, or reassigned it: the open first contact is now due
 * at {@code due}.
 */
public record FirstContactRenewed(UUID leadId, Instant due) {
}
