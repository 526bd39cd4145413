package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.email.MailboxOwners;
import org.springframework.stereotype.Component;

import java.util.List;

/** The active reps have a mailbox leadflow reads (their own connected one, or the embedded server's). */
@Component
class RepMailboxOwners implements MailboxOwners {

    private final RepDirectory directory;

    RepMailboxOwners(RepDirectory directory) {
        this.directory = directory;
    }

    @Override
    public List<Owner> mailboxOwners() {
        return directory.workloads().stream().map(RepWorkload::rep).filter(Rep::active)
                .map(rep -> new Owner(rep.username(), rep.email())).toList();
    }
}
