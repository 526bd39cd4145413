package io.leadflow.simulation.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.email.MailProperties;
import io.leadflow.email.SendSlots;
import io.leadflow.email.SendingLimit;
import io.leadflow.email.SendingLimits;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The mailboxes the replay's sequence and nurture emails go from, as a simulation reads them once, at its start: each
 * rep's (the sender's address {@code leadflow.mail.send-as} gives) and its sending limit. Each side of a simulation
 * takes its emails' slots in memory ({@link #slots()}) by leadflow's own rule ({@link SendSlots#reserve}): an email over
 * its mailbox's hour or day goes at the mailbox's next free slot, and nothing is written.
 */
record RepMailboxes(Map<String, String> mailboxByRep, Map<String, SendingLimit> limitByMailbox) {

    static RepMailboxes of(RepDirectory directory, MailProperties mail, SendingLimits limits) {
        Map<String, String> mailboxByRep = new HashMap<>();
        Map<String, SendingLimit> limitByMailbox = new HashMap<>();
        for (RepWorkload workload : directory.workloads()) {
            Rep rep = workload.rep();
            if (rep.email() != null) {
                String mailbox = mail.mailboxOf(rep.email());
                mailboxByRep.put(rep.username(), mailbox);
                limitByMailbox.computeIfAbsent(mailbox, limits::of);
            }
        }
        return new RepMailboxes(Map.copyOf(mailboxByRep), Map.copyOf(limitByMailbox));
    }

    /** One side's slots of every mailbox, each by its email's key, as leadflow's table keeps them. */
    final class Slots {

        private final Map<String, Map<String, Instant>> byMailbox = new HashMap<>();
        private final Map<String, String> mailboxByKey = new HashMap<>();

        /**
         * The slot of the rep's email of this key, reserved {@code now} ({@code workingMoment}: the lead's working moment
         * at or after an instant); empty when the rep has no mailbox (the replay then sends it when due).
         */
        Optional<SendSlots.Slot> reserve(String rep, String key, Instant now, UnaryOperator<Instant> workingMoment) {
            String mailbox = rep == null ? null : mailboxByRep.get(rep);
            if (mailbox == null) {
                return Optional.empty();
            }
            return Optional.of(SendSlots.reserve(ledger(mailbox), key, now, limitByMailbox.get(mailbox), workingMoment));
        }

        /** Gives back the slots still to come of the emails whose keys start so (the lead's sequence ended). */
        void release(String keyPrefix, Instant now) {
            byMailbox.values().forEach(slots -> slots.entrySet()
                    .removeIf(slot -> slot.getKey().startsWith(keyPrefix) && slot.getValue().isAfter(now)));
        }

        private SendSlots.Ledger ledger(String mailbox) {
            Map<String, Instant> slots = byMailbox.computeIfAbsent(mailbox, any -> new HashMap<>());
            return new SendSlots.Ledger() {
                @Override
                public Optional<Instant> held(String key) {
                    return Optional.ofNullable(mailboxByKey.get(key)).map(byMailbox::get).map(held -> held.get(key));
                }

                @Override
                public void forget(String key, Instant before) {
                    slots.values().removeIf(at -> at.isBefore(before));
                    Optional.ofNullable(mailboxByKey.remove(key)).map(byMailbox::get).ifPresent(held -> held.remove(key));
                }

                @Override
                public List<Instant> takenSince(Instant from) {
                    return slots.values().stream().filter(at -> !at.isBefore(from)).toList();
                }

                @Override
                public void take(String key, Instant at) {
                    slots.put(key, at);
                    mailboxByKey.put(key, mailbox);
                }
            };
        }
    }

    Slots slots() {
        return new Slots();
    }
}
