package org.plotter.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.plotter.api.machine.JobJournals;
import org.plotter.api.machine.JournalledJob;

/** The job journals durable plots keep: {@code -Dplotter.jobs}, else the user's data directory. */
@Component(service = JobJournals.class)
public class JournalDirectory implements JobJournals {
    @Override
    public Path directory() {
        return JobJournal.directory();
    }

    @Override
    public List<String> ids() {
        try {
            return JobJournal.ids();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the jobs in " + directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public JournalledJob read(String id) {
        return JobJournal.read(id);
    }
}
