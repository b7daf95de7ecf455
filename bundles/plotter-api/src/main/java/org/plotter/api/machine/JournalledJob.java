package org.plotter.api.machine;

import java.util.List;
import java.util.Optional;

/**
 * What a job's journal says: the program as streamed, where it went, and how far it got.
 *
 * @param id its name, as {@code plotter resume} takes it
 * @param program the program's lines, checked against the hash written before the first was sent
 * @param port where it was plotted
 * @param profile the firmware profile's name or file, as the command named it
 * @param serialNumber the machine's USB serial number, where the system knew it: it finds the machine on another path
 * @param sent lines that may have reached the machine (written ahead, so never fewer than did)
 * @param acknowledged lines the machine accepted
 * @param executed lines the machine surely ran (at most a second behind)
 * @param finished how its last run ended ({@code completed}, {@code failed connection lost}, ...); empty if it
 *     was cut off (the process killed)
 */
public record JournalledJob(String id, List<String> program, String port, String profile, Optional<String> serialNumber,
                            int sent, int acknowledged, int executed, Optional<String> finished) {
    public JournalledJob {
        program = List.copyOf(program);
    }

    /** Whether the job has drawn everything: nothing is left to resume. */
    public boolean completed() {
        return finished.filter("completed"::equals).isPresent();
    }
}
