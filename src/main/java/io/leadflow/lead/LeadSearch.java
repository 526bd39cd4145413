package io.leadflow.lead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A search of the leads: {@code text} in the person's name, email or company (any case; null: any lead), and the
 * filters, null when not applied; {@code owners} null for anyone's, else only these owners' leads (empty: none);
 * {@code among} the leads it is narrowed to (null: {@link LeadSelection#EVERY}). Newest first, {@code size} at a time,
 * after the cursor of the page before (null: the first page).
 */
public record LeadSearch(String text, LeadStage stage, Set<String> owners, String source, LeadType type,
                         LeadSelection among, Cursor after, int size) {

    public LeadSearch {
        owners = owners == null ? null : Set.copyOf(owners);
        among = among == null ? LeadSelection.EVERY : among;
    }

    /** A page of leads, and the cursor of the next one (null on the last). */
    public record Result(List<Lead> leads, String next) {
    }

    /** Where a page ends: the last lead's arrival and id, as an opaque token in URLs. */
    public record Cursor(Instant createdAt, UUID id) {

        public static Cursor after(Lead lead) {
            return new Cursor(lead.createdAt(), lead.id());
        }

        public String token() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the token is not one {@link #token()} made */
        public static Cursor of(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("not a cursor: " + token);
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor: " + token, e);
            }
        }
    }
}
