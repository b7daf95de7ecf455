package org.plotter.api.machine;

import java.io.IOException;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;
import org.plotter.api.gcode.FirmwareProfile;
import org.plotter.api.gcode.GcodeProgram;

/**
 * One configured machine for as long as its configuration lives (a factory configuration
 * {@value #FACTORY_PID} with {@value #PORT} and {@value #PROFILE}; the command line makes one on the fly):
 * it owns the port, runs the jobs given to it one after another, serves console commands between them,
 * and hands every job's events, in the order they happened, to its listeners. The kiosk and the shell keep
 * one open; a one-shot command opens one and lets it go.
 */
@ProviderType
public interface MachineSession {
    String FACTORY_PID = "org.plotter.machine";
    /** Configuration key and service property: the port, e.g. {@code /dev/ttyUSB0} or {@code sim:}. */
    String PORT = "port";
    /** Configuration key: the firmware profile's name, or a profile file's path. */
    String PROFILE = "profile";

    String port();

    FirmwareProfile profile();

    /**
     * Queues {@code program}; it starts once the jobs before it have ended. The returned job can be paused,
     * resumed and cancelled before it starts (cancelled, it never starts); {@code listener} gets its events
     * after the session's listeners.
     */
    PlotJob submit(GcodeProgram program, JobListener listener);

    /**
     * Starts a job at once on the session's connection (the port opened now if it is not open) and returns
     * it once the driver has taken it. What {@code starter} throws (the driver refuses the program, the
     * machine does not answer) comes back unchanged, and a port that will not open is an {@link IOException}
     * saying so; either way nothing was queued. The job then holds the queue as a submitted one does, and a
     * job that lost the port leaves it closed, so the next start opens it again: the command line plots,
     * and continues interrupted plots after a reconnect, this way.
     *
     * @throws IllegalStateException if another job is running or waiting
     */
    PlotJob start(JobStarter starter, JobListener listener) throws IOException, InterruptedException;

    /**
     * Starts {@code program} at once, as {@link #start} does, as a durable job: it keeps a journal (except on the
     * in-process simulator, which ends with the process), and should the machine be lost mid-job (the port gone,
     * the controller reset, an answer lost) it is carried on for up to {@link DurablePlot#reconnectFor}: the port
     * is opened again with growing pauses (under its name or the one that now has the machine's USB serial
     * number), the machine settles and says where it stopped, and the rest of the program is sent from the
     * first line it did not run, after pen up, a move back and pen down if the pen was down. No segment is
     * drawn twice, none is skipped. The job holds the session until it ends; {@code listener} hears the
     * continuations as {@link JobEvent.Notice}s, counted in the program's lines, and one {@link JobEvent.Finished}.
     *
     * @throws IllegalStateException if another job is running or waiting
     */
    DurableJob plot(GcodeProgram program, DurablePlot plot, JobListener listener) throws IOException, InterruptedException;

    /**
     * Continues a journalled job whose process ended before it did, as {@link #plot} continues one after a
     * lost machine; {@code program} is the job's program read for {@link DurablePlot#profile}.
     *
     * @throws org.plotter.api.InvalidInputException if where the machine stopped is not on the program's path
     * @throws IOException if the machine does not answer, or is in an alarm that may have lost its position
     */
    DurableJob resume(JournalledJob job, GcodeProgram program, DurablePlot plot, JobListener listener) throws IOException, InterruptedException;

    /** How many jobs wait to start (not counting the one running). */
    int queued();

    /**
     * Runs {@code command} with a console on the machine once no job is running (the queue waits for it),
     * every wait bounded by {@code timeout}.
     *
     * @throws IOException if the port cannot be opened or the machine does not answer
     */
    <T> T console(ConsoleCommand<T> command, Duration timeout) throws IOException, InterruptedException;

    /** Every job's events from now on, in order, on the session's one delivery thread. */
    void addListener(JobListener listener);

    void removeListener(JobListener listener);

    /** What starts a job on an open connection: a driver's start of a program, its check mode, or the rest of an interrupted job. */
    @FunctionalInterface
    interface JobStarter {
        PlotJob start(PlotterConnection connection, JobListener listener) throws IOException, InterruptedException;
    }

    /** Something done with a console between jobs. */
    @FunctionalInterface
    interface ConsoleCommand<T> {
        T run(MachineConsole console) throws IOException, InterruptedException;
    }
}
