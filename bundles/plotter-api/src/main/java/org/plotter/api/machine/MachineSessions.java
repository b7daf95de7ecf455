package org.plotter.api.machine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Machine sessions on the fly, for a command that needs a machine for a while (the command line): the
 * configured session of the port if there is one (it owns the port), otherwise a session of its own that
 * ends when closed.
 */
@ProviderType
public interface MachineSessions {
    /**
     * A session on {@code port} for {@code profile} (a name, or a profile file's path).
     *
     * @throws org.plotter.api.InvalidInputException for an unknown profile, or a port or protocol nothing here
     *     speaks
     */
    Lease open(String port, String profile);

    /** A session for as long as it is held; closing it ends a session opened for it, and leaves a configured one be. */
    interface Lease extends AutoCloseable {
        MachineSession session();

        @Override
        void close();
    }
}
