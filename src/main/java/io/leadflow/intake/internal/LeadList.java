package io.leadflow.intake.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A page of the lead list; {@code next}: the cursor of the page after it, null on the last. */
record LeadList(List<Row> leads, String next) {

    /** A lead as the list shows it: who, where it stands and who owns it; times in the lead's zone. */
    record Row(UUID id, String name, String email, String company, LeadStage stage, String owner, LeadType type,
               String source, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static Row of(Lead lead) {
            return new Row(lead.id(), lead.fullName(), lead.facts().email(), lead.facts().company(), lead.stage(),
                    lead.owner(), lead.type(), lead.facts().source(), lead.createdAt().atZone(lead.zone()).toOffsetDateTime(),
                    lead.updatedAt().atZone(lead.zone()).toOffsetDateTime());
        }
    }
}
