package org.plotter.driver.sim;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.plotter.api.InvalidInputException;
import org.plotter.api.machine.ConnectionFactory;
import org.plotter.api.machine.PlotterConnection;

/**
 * The {@code sim:} port: each connection is a new virtual GRBL plotter. Machine settings come from
 * configuration ({@code config/org.plotter.driver.sim.cfg}); {@code sim:speed=N} overrides how many
 * times faster than real time it runs (0, the default, as fast as possible).
 */
@Component(service = ConnectionFactory.class, configurationPid = SimConnectionFactory.PID,
        property = ConnectionFactory.SCHEME + "=sim")
@Designate(ocd = SimConnectionFactory.Config.class)
public class SimConnectionFactory implements ConnectionFactory {
    static final String PID = "org.plotter.driver.sim";
    static final String SCHEME = "sim:";
    /** Faults the virtual GRBL can inject at a line: see {@code VirtualGrbl}. */
    static final java.util.List<String> FAULTS = java.util.List.of("lostok", "lateok", "garbage", "partial", "error", "alarm", "reset", "stall",
            "unplug", "cut");
    /** Faults the virtual Marlin can inject at a line: see {@code VirtualMarlin}. */
    static final java.util.List<String> MARLIN_FAULTS = java.util.List.of("lostok", "lateok", "garbage", "partial", "checksum",
            "resendold", "resendnew", "busy", "error", "stall", "unplug", "cut");

    @ObjectClassDefinition(name = "Simulated plotter", description = "A virtual GRBL 1.1 machine")
    public @interface Config {
        @AttributeDefinition(description = "X travel, mm")
        double travel_x() default 300;

        @AttributeDefinition(description = "Y travel, mm")
        double travel_y() default 300;

        @AttributeDefinition(description = "lowest Z, mm")
        double travel_z_min() default -10;

        @AttributeDefinition(description = "highest Z, mm")
        double travel_z_max() default 10;

        @AttributeDefinition(description = "maximum rate (G0), mm/min")
        double max_rate() default 6000;

        @AttributeDefinition(description = "acceleration, mm/s^2")
        double acceleration() default 500;

        @AttributeDefinition(description = "junction deviation, mm (GRBL's $11): how fast corners may be taken")
        double junction_deviation() default 0.01;

        @AttributeDefinition(description = "simulated seconds per wall-clock second; 0 = as fast as possible")
        double speed() default 0;
    }

    private MachineSettings defaults = MachineSettings.DEFAULT;

    /**
     * Keys are Declarative Services' names ({@code travel.x}); the same names with underscores
     * ({@code travel_x}, as the methods are spelled) are accepted too, so a file written either way applies.
     */
    @Activate
    void activate(Config config, Map<String, Object> properties) {
        defaults = new MachineSettings(
                setting(properties, "travel_x", config.travel_x()), setting(properties, "travel_y", config.travel_y()),
                setting(properties, "travel_z_min", config.travel_z_min()), setting(properties, "travel_z_max", config.travel_z_max()),
                setting(properties, "max_rate", config.max_rate()), config.acceleration(),
                setting(properties, "junction_deviation", config.junction_deviation()), config.speed());
    }

    private static double setting(Map<String, Object> properties, String underscored, double configured) {
        Object value = properties.get(underscored);
        if (value == null) {
            return configured;
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("simulator setting " + underscored + " is not a number: " + value);
        }
    }

    @Override
    public boolean accepts(String port) {
        return port.toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /** The simulated machine lives in this process and ends with it: there is nothing to resume. */
    @Override
    public boolean outlivesProcess(String port) {
        return false;
    }

    @Override
    public PlotterConnection open(String port) throws IOException {
        return new SimConnection(port, settingsFor(port, defaults));
    }

    /** The machine speaks the profile's protocol ({@code protocol=marlin}) unless the port names a firmware. */
    @Override
    public PlotterConnection open(String port, Map<String, String> settings) throws IOException {
        boolean named = port.toLowerCase(Locale.ROOT).contains("firmware=");
        String protocol = settings.getOrDefault("protocol", "grbl");
        if (named || !protocol.equals("marlin")) {
            return open(port);
        }
        String options = port.substring(SCHEME.length()).trim();
        return open(SCHEME + (options.isEmpty() ? "" : options + ",") + "firmware=marlin");
    }

    /**
     * Options after {@code sim:}, comma-separated: {@code speed=N} (times real time, 0 as fast as
     * possible), {@code firmware=grbl|marlin}, and for Marlin {@code garble=N/M/...}: program lines that
     * arrive corrupted once ({@code NxK}: K times); {@code fault=KIND@N/…}: a fault with the N-th G-code
     * line ({@link #FAULTS} for GRBL, {@link #MARLIN_FAULTS} for Marlin).
     *
     * @throws InvalidInputException for an unknown option or a malformed value
     */
    static MachineSettings settingsFor(String port, MachineSettings base) {
        String options = port.substring(SCHEME.length()).trim();
        double speed = base.speedFactor();
        boolean marlin = false;
        java.util.Map<Integer, Integer> garbled = new java.util.HashMap<>();
        java.util.Map<Integer, String> faults = new java.util.HashMap<>();
        for (String option : options.isEmpty() ? new String[0] : options.split(",")) {
            String[] kv = option.trim().split("=", 2);
            String value = kv.length > 1 ? kv[1].trim() : "";
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "speed" -> {
                    try {
                        speed = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        speed = Double.NaN;
                    }
                    if (!(speed >= 0) || Double.isInfinite(speed)) {
                        throw new InvalidInputException("sim:speed needs a finite number, 0 or more (0: as fast as possible), got '" + value + "'");
                    }
                }
                case "firmware" -> {
                    if (!value.equals("grbl") && !value.equals("marlin")) {
                        throw new InvalidInputException("sim:firmware is grbl or marlin, got '" + value + "'");
                    }
                    marlin = value.equals("marlin");
                }
                case "garble" -> {
                    try {
                        for (String n : value.split("/")) {
                            String[] times = n.trim().split("x", 2); // 17x9: line 17, corrupted nine times
                            garbled.merge(Integer.parseInt(times[0]), times.length > 1 ? Integer.parseInt(times[1]) : 1, Integer::sum);
                        }
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("sim:garble takes line numbers separated by '/' (17x3: three times), got '" + value + "'");
                    }
                }
                case "fault" -> {
                    // lostok@12/garbage@30: a fault with the 12th and the 30th G-code line
                    for (String f : value.split("/")) {
                        String[] at = f.trim().split("@", 2);
                        if (at.length != 2 || !(FAULTS.contains(at[0]) || MARLIN_FAULTS.contains(at[0]))) {
                            throw new InvalidInputException("sim:fault takes KIND@LINE separated by '/', KIND one of " + FAULTS
                                    + " (GRBL) or " + MARLIN_FAULTS + " (Marlin), got '" + f + "'");
                        }
                        try {
                            faults.put(Integer.parseInt(at[1]), at[0]);
                        } catch (NumberFormatException e) {
                            throw new InvalidInputException("sim:fault needs a line number after @, got '" + f + "'");
                        }
                    }
                }
                default -> throw new InvalidInputException("unknown simulator option '" + option + "' in port '" + port
                        + "': use sim: or sim:speed=N,firmware=grbl|marlin");
            }
        }
        for (String kind : faults.values()) {
            if (!(marlin ? MARLIN_FAULTS : FAULTS).contains(kind)) {
                throw new InvalidInputException("sim:fault " + kind + " is not one the " + (marlin ? "Marlin" : "GRBL")
                        + " simulator injects: " + (marlin ? MARLIN_FAULTS : FAULTS));
            }
        }
        return new MachineSettings(base.travelX(), base.travelY(), base.travelZMin(), base.travelZMax(),
                base.maxRate(), base.acceleration(), base.junctionDeviation(), speed, marlin, java.util.Map.copyOf(garbled),
                java.util.Map.copyOf(faults));
    }

}
