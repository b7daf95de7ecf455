package org.plotter.api.gcode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one family of machines wants to be driven: its work area and where its origin is, how the pen
 * goes up and down and how it is changed, how its strokes are planned, how it moves (feeds, acceleration, junction deviation, for plotting and estimates),
 * the settings of the protocol its driver speaks, and the G-code dialect its firmware reads. Read from a
 * {@code firmware-profiles/*.properties} file by a {@link ProfileRegistry}.
 */
public record FirmwareProfile(
        String id,
        String description,
        WorkArea workArea,
        Pen pen,
        PenChange penChange,
        PlanOptions planning,
        Motion motion,
        Protocol protocol,
        GcodeDialect dialect) {

    public FirmwareProfile {
        Objects.requireNonNull(workArea, "workArea");
        Objects.requireNonNull(pen, "pen");
        Objects.requireNonNull(penChange, "penChange");
        Objects.requireNonNull(planning, "planning");
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * The machine's travel in millimetres and where its origin is: the corner of the bed (seen from
     * above, as the page lies) where both axes start, each growing into the bed; {@code swapAxes} for
     * machines whose X axis runs along the page's height. A page lies with its corner at the origin.
     */
    public record WorkArea(double width, double height, Origin origin, boolean swapAxes) {
        /** The bed corner at machine (0, 0). */
        public enum Origin { BOTTOM_LEFT, TOP_LEFT, BOTTOM_RIGHT, TOP_RIGHT }

        public WorkArea {
            Objects.requireNonNull(origin, "origin");
            if (!(width > 0 && height > 0) || !Double.isFinite(width + height)) {
                throw new IllegalArgumentException("work area must be positive, got " + width + " x " + height + " mm");
            }
        }

        /** The largest page that fits, as the page's (width, height) in mm: the travel, swapped if the axes are. */
        public double pageWidthLimit() {
            return swapAxes ? height : width;
        }

        public double pageHeightLimit() {
            return swapAxes ? width : height;
        }

        /** A page point (mm from the page's top-left corner, y down) in machine coordinates. */
        public double[] toMachine(double x, double y, double pageWidth, double pageHeight) {
            double mx = origin == Origin.BOTTOM_RIGHT || origin == Origin.TOP_RIGHT ? pageWidth - x : x;
            double my = origin == Origin.BOTTOM_LEFT || origin == Origin.BOTTOM_RIGHT ? pageHeight - y : y;
            return swapAxes ? new double[] {my, mx} : new double[] {mx, my};
        }

        /** A machine point back on the page (mm from the page's top-left corner, y down). */
        public double[] toPage(double x, double y, double pageWidth, double pageHeight) {
            double mx = swapAxes ? y : x, my = swapAxes ? x : y;
            double px = origin == Origin.BOTTOM_RIGHT || origin == Origin.TOP_RIGHT ? pageWidth - mx : mx;
            double py = origin == Origin.BOTTOM_LEFT || origin == Origin.BOTTOM_RIGHT ? pageHeight - my : my;
            return new double[] {px, py};
        }
    }

    /** How the pen goes up and down: commands (one per G-code line) and the time to wait after each. */
    public record Pen(List<String> up, List<String> down, Duration delay) {
        public Pen {
            up = List.copyOf(up);
            down = List.copyOf(down);
            if (up.isEmpty() || down.isEmpty()) {
                throw new IllegalArgumentException("pen up and pen down need at least one command each");
            }
            if (delay.isNegative()) {
                throw new IllegalArgumentException("pen delay must not be negative");
            }
        }

        /** Whether {@code line}, its comments aside, is one of the pen-up commands: where a pause at the pen lift stops. */
        public boolean lifts(String line) {
            String code = GcodeProgram.withoutComments(line);
            return up.stream().anyMatch(code::equalsIgnoreCase);
        }
    }

    /**
     * How a pen is changed or refilled: the program lifts the pen, travels to the origin if
     * {@code parkAtOrigin}, and runs {@code commands} (a program pause such as {@code M0}, which waits
     * for the operator). A change comes between layers, and within a layer before a stroke that would
     * take the pen past {@code everyMillimetres} drawn since the last change (0: only between layers).
     */
    public record PenChange(List<String> commands, boolean parkAtOrigin, double everyMillimetres) {
        /** GRBL's and Marlin's program pause, parked at the origin, between layers only. */
        public static final PenChange PAUSE_AT_ORIGIN = new PenChange(List.of("M0"), true, 0);

        public PenChange {
            commands = List.copyOf(commands);
            if (commands.isEmpty()) {
                throw new IllegalArgumentException("a pen change needs at least one command (e.g. M0)");
            }
            if (!(everyMillimetres >= 0) || !Double.isFinite(everyMillimetres)) {
                throw new IllegalArgumentException("the distance between pen changes must be 0 or positive, got " + everyMillimetres);
            }
        }

        /** This behaviour with a change every {@code millimetres} drawn (0: only between layers). */
        public PenChange every(double millimetres) {
            return new PenChange(commands, parkAtOrigin, millimetres);
        }
    }

    /** This profile with another pen-change behaviour (e.g. a refill distance from the command line). */
    public FirmwareProfile withPenChange(PenChange change) {
        return new FirmwareProfile(id, description, workArea, pen, change, planning, motion, protocol, dialect);
    }

    /** This profile with other planning defaults (e.g. options from the command line). */
    public FirmwareProfile withPlanning(PlanOptions options) {
        return new FirmwareProfile(id, description, workArea, pen, penChange, options, motion, protocol, dialect);
    }

    /**
     * How the machine moves: the drawing feed and the rate of pen-up moves ({@code G0}) in mm/min, its
     * acceleration in mm/s² and its junction deviation in mm (GRBL's {@code $120}, {@code $11}), which
     * bound the speed through corners; the last two are what time estimates are made from.
     */
    public record Motion(double drawFeed, double travelFeed, double acceleration, double junctionDeviation) {
        public Motion {
            if (!(drawFeed > 0 && travelFeed > 0 && acceleration > 0 && junctionDeviation >= 0)
                    || !Double.isFinite(drawFeed + travelFeed + acceleration + junctionDeviation)) {
                throw new IllegalArgumentException("feeds and acceleration must be positive, junction deviation not negative");
            }
        }
    }

    /**
     * The driver's side: which protocol ({@code grbl}, {@code marlin}, ...), the controller's serial
     * receive buffer (for character-counting streaming), and further settings a driver or port may
     * read (e.g. {@code serial.baud}), keyed as in the profile file.
     */
    public record Protocol(String name, int rxBufferBytes, Map<String, String> settings) {
        public Protocol {
            settings = Map.copyOf(settings);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a profile needs a protocol");
            }
            if (rxBufferBytes < 16) {
                throw new IllegalArgumentException("rx.buffer.bytes must be at least 16, got " + rxBufferBytes);
            }
        }

        /** The key under which {@link #portSettings} names the protocol: the simulator becomes that firmware. */
        public static final String PROTOCOL_KEY = "protocol";

        /** What a port is opened with: the {@code serial.*} and {@code protocol.*} settings, and the protocol's name. */
        public Map<String, String> portSettings() {
            Map<String, String> port = new java.util.HashMap<>(settings);
            port.put(PROTOCOL_KEY, name);
            return Map.copyOf(port);
        }

        /** How long a machine may say nothing while it has work before its job pauses itself, unless set. */
        public static final java.time.Duration DEFAULT_SILENCE = java.time.Duration.ofSeconds(10);

        public Optional<String> setting(String key) {
            return Optional.ofNullable(settings.get(key));
        }

        /**
         * {@code protocol.silence.ms}: how long a machine may say nothing at all while it has work before the
         * job pauses itself and says so; {@link #DEFAULT_SILENCE} when not set.
         */
        public java.time.Duration silence() {
            return setting("protocol.silence.ms").map(v -> java.time.Duration.ofMillis(Long.parseLong(v.trim()))).orElse(DEFAULT_SILENCE);
        }

        /**
         * A yes/no setting as the profile file writes it ({@code true}/{@code yes}, {@code false}/{@code no});
         * {@code absent} when it is not set (the file's loader has refused any other value).
         */
        public boolean flag(String key, boolean absent) {
            return setting(key).map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> absent;
            }).orElse(absent);
        }
    }
}
