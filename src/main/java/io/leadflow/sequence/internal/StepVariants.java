package io.leadflow.sequence.internal;

import io.leadflow.sequence.SequenceProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Which A/B variant of a step's email a lead gets: drawn by weight from a hash of the lead and the step, so the same
 * lead gets the same variant every time (a redelivered job, a restart, a replay, another node), with nothing stored
 * before the email is sent.
 */
public class StepVariants {

    private final Map<Integer, Map<String, Integer>> weightsByStep;

    public StepVariants(SequenceProperties settings) {
        this.weightsByStep = settings.variants();
    }

    /** The lead's variant of the step; empty when the step has no variants. */
    public Optional<String> of(UUID leadId, int step) {
        Map<String, Integer> weights = weightsByStep.get(step);
        if (weights == null) {
            return Optional.empty();
        }
        // Sorted by name: the draw must not depend on the order the settings were read in.
        Map<String, Integer> sorted = new TreeMap<>(weights);
        long total = sorted.values().stream().mapToLong(Integer::longValue).sum();
        long drawn = Long.remainderUnsigned(hash(leadId + ":" + step), total);
        for (Map.Entry<String, Integer> variant : sorted.entrySet()) {
            drawn -= variant.getValue();
            if (drawn < 0) {
                return Optional.of(variant.getKey());
            }
        }
        throw new IllegalStateException("no variant drawn for step " + step);
    }

    private static long hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
