package org.plotter.machine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plotter.api.gcode.ProfileRegistry;
import org.plotter.api.gcode.ProgramReader;
import org.plotter.api.gcode.ProgramResumer;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.MachineSession;
import org.plotter.api.machine.MachineSessions;
import org.plotter.api.machine.PlotterDriver;

/**
 * Sessions for one-shot commands: a machine configured on the port keeps it (two owners of one serial port
 * would fight over it), otherwise a session is made for the command and ended with it.
 */
@Component(service = MachineSessions.class)
public class SessionOpener implements MachineSessions {
    @Reference
    private ProfileRegistry profiles;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
    private List<ConnectionFactory> factories;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
    private List<PlotterDriver> drivers;

    @Reference
    private ProgramResumer resumer;

    @Reference
    private ProgramReader reader;

    /** The configured sessions, as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<MachineSession> configured = new CopyOnWriteArrayList<>();

    @Override
    public Lease open(String port, String profile) {
        Optional<MachineSession> owner = configured.stream().filter(s -> s.port().equals(port)).findFirst();
        if (owner.isPresent()) {
            return lease(owner.get(), () -> { });
        }
        ConfiguredMachineSession own = new ConfiguredMachineSession(port, profiles.profile(profile), factories, drivers, resumer, reader);
        return lease(own, own::deactivate);
    }

    private static Lease lease(MachineSession session, Runnable end) {
        return new Lease() {
            @Override
            public MachineSession session() {
                return session;
            }

            @Override
            public void close() {
                end.run();
            }
        };
    }
}
