package io.leadflow.lead;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The lead many tests act on: Carlos Ruiz, CMO of AndesNet in Colombia, working in Bogotá's time, ana's MQL. */
public final class BogotaLead {

    public static final ZoneId ZONE = ZoneId.of("America/Bogota");

    private BogotaLead() {
    }

    /** The lead under this id. */
    public static Lead withId(UUID id) {
        LeadFacts facts = new LeadFacts("carlos@andesnet.co", null, "Carlos", "Ruiz", "CMO", "AndesNet", "andesnet.co", 500, "telecom",
                "CO", ZONE.getId(), "es", "ebook", null);
        return new Lead(id, LeadType.FORM_FILL, facts, null, LeadStage.MQL, 80, List.of(), Map.of(), "ana", null, null);
    }
}
