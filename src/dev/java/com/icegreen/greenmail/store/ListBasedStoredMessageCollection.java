/* -------------------------------------------------------------------
 * This software is released under the Apache license 2.0
 * -------------------------------------------------------------------
 * GreenMail 2.1.8's class of this name, kept as it is but for two changes: the folder's UIDs are kept in an array made
 * once per change of the folder instead of once per call, and a message's number is found in it by binary search.
 * GreenMail's FETCH looks up every message's number, and each lookup asked for the whole folder's UIDs anew, so reading
 * a mailbox of n messages cost n arrays of n UIDs: in an import the reps' inboxes fill with hand-off notifications, and
 * leadflow's reads of them took a third of its CPU.
 * The class is loaded before the library's (leadflow's classes come first on the class path);
 * EmbeddedMailFolderTest checks that it is.
 */
package com.icegreen.greenmail.store;

import com.icegreen.greenmail.foedus.util.MsgRangeFilter;
import com.icegreen.greenmail.imap.commands.IdRange;
import jakarta.mail.Flags;

import java.util.*;

/**
 * @author Raimund Klein <raimund.klein@gmx.de>
 */
public class ListBasedStoredMessageCollection implements StoredMessageCollection {
    private final List<StoredMessage> mailMessages = Collections.synchronizedList(new ArrayList<>());
    /** The messages' UIDs in their order, made on the first ask after a change; null until then. */
    private long[] uids;

    @Override
    public int size() {
        return mailMessages.size();
    }

    @Override
    public void add(StoredMessage storedMessage) {
        synchronized (mailMessages) {
            mailMessages.add(storedMessage);
            uids = null;
        }
    }

    @Override
    public StoredMessage remove(long uid) {
        synchronized (mailMessages) {
            for (int i = 0; i < mailMessages.size(); i++) {
                StoredMessage message = mailMessages.get(i);
                if (message.getUid() == uid) {
                    mailMessages.remove(i);
                    uids = null;
                    return message;
                }
            }
        }
        throw new IllegalArgumentException("No message for uid " + uid + " exists");
    }

    @Override
    public void clear() {
        synchronized (mailMessages) {
            mailMessages.clear();
            uids = null;
        }
    }

    private void expungeMessage(int msn, Collection<FolderListener> mailboxListeners) {
        // Notify all the listeners of the pending delete
        synchronized (mailboxListeners) {
            deleteMessage(msn);
            for (FolderListener expungeListener : mailboxListeners) {
                expungeListener.expunged(msn);
            }
        }
    }

    private void deleteMessage(int msn) {
        synchronized (mailMessages) {
            mailMessages.remove(msn - 1); // input is 1 based index
            uids = null;
        }
    }

    @Override
    public int getFirstUnseen() {
        synchronized (mailMessages) {
            for (int i = 0; i < mailMessages.size(); i++) {
                StoredMessage message = mailMessages.get(i);
                if (!message.isSet(Flags.Flag.SEEN)) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    @Override
    public int getMsn(long uid) throws FolderException {
        // A folder's UIDs ascend with its messages' numbers (IMAP's rule, and GreenMail gives each new message the next).
        int index = Arrays.binarySearch(getMessageUids(), uid);
        if (index < 0) {
            throw new FolderException("No such message of uid " + uid + ".");
        }
        return index + 1;
    }

    @Override
    public List<StoredMessage> getMessages(MsgRangeFilter range) {
        List<StoredMessage> ret = new ArrayList<>();

        synchronized (mailMessages) {
            for (int i = 0; i < mailMessages.size(); i++) {
                if (range.includes(i + 1)) {
                    ret.add(mailMessages.get(i));
                }
            }
        }

        return ret;
    }

    @Override
    public List<StoredMessage> getMessages() {
        return Collections.unmodifiableList(mailMessages);
    }

    /** The UIDs in the messages' order: the same array until the folder changes, so a caller must not write to it. */
    @Override
    public long[] getMessageUids() {
        synchronized (mailMessages) {
            if (uids == null) {
                uids = new long[mailMessages.size()];
                for (int i = 0; i < mailMessages.size(); i++) {
                    uids[i] = mailMessages.get(i).getUid();
                }
            }
            return uids;
        }
    }

    @Override
    public void expunge(List<FolderListener> folderListeners) {
        expunge(folderListeners, null);
    }

    @Override
    public void expunge(List<FolderListener> folderListeners, IdRange[] idRanges) {
        synchronized (mailMessages) {
            for (int i = mailMessages.size() - 1; i >= 0; i--) {
                StoredMessage message = mailMessages.get(i);
                if (message.isSet(Flags.Flag.DELETED) &&
                    (idRanges == null || IdRange.containsUid(idRanges, message.getUid()))) {
                    expungeMessage(i + 1, folderListeners); // MSNs start counting at 1
                }
            }
        }
    }

    @Override
    public StoredMessage get(int i) {
        return mailMessages.get(i);
    }

    @Override
    public Iterator<StoredMessage> iterator() {
        return mailMessages.iterator();
    }
}
