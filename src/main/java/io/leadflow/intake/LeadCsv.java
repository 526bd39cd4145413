package io.leadflow.intake;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadType;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one reading of a CSV of leads: a header row of the lead field names ({@code type}, {@link LeadFacts}' and its
 * details', flat), one lead a row, {@code pagesViewed} entries separated by '|', each row validated as the API validates a
 * lead. A caller may accept columns of its own besides (a simulation's {@code arrivedAt}): they are handed over as text.
 */
public interface LeadCsv {

    /**
     * A row read: the lead's type and facts when it is valid, else every field at fault ({@code row} when the row itself
     * is broken); {@code line} is the file's line the row starts on.
     */
    record Row(long line, LeadType type, LeadFacts facts, Map<String, String> extra, List<FieldError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The rows, read as they are asked for; a broken CSV structure (an unclosed quote) is a last row at fault. */
    interface Rows extends Iterator<Row>, Closeable {

        @Override
        void close();
    }

    /**
     * Reads the header row at once.
     *
     * @param extraColumns columns the caller reads itself, not lead fields
     * @throws InvalidRequestException naming the {@code header} when it is empty or repeats a column
     */
    Rows read(InputStream csv, Set<String> extraColumns);
}
