package org.plotter.api.machine;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The journals durable plots keep, for {@code plotter resume}. */
@ProviderType
public interface JobJournals {
    /** Where they are kept. */
    Path directory();

    /** Every job's id, oldest first. */
    List<String> ids();

    /**
     * One job's journal.
     *
     * @throws org.plotter.api.InvalidInputException if there is no such job, or its files are unreadable or disagree
     */
    JournalledJob read(String id);
}
