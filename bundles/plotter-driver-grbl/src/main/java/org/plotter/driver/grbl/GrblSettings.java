package org.plotter.driver.grbl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plotter.api.machine.JobResult.JobFailure;

/**
 * The machine's own limits from its {@code $$} listing (GRBL 1.1's numbering): maximum rates
 * {@code $110}/{@code $111} (mm/min) and travel {@code $130}/{@code $131} (mm); and what its status
 * reports carry ({@code $10}).
 */
record GrblSettings(Map<Integer, Double> values) {
    private static final Pattern SETTING = Pattern.compile("\\$(\\d+)=([-+]?[0-9]*\\.?[0-9]+).*");
    static final int STATUS_REPORT = 10, MAX_RATE_X = 110, MAX_RATE_Y = 111, TRAVEL_X = 130, TRAVEL_Y = 131;
    /** The {@code $10} bit that adds {@code Bf:} (planner blocks and receive bytes free) to status reports. */
    static final int REPORT_BUFFERS = 2;
    /** Rounding in the program's last digit may not refuse a program that touches the edge exactly. */
    private static final double TOLERANCE_MM = 0.001;

    static GrblSettings parse(List<String> lines) {
        Map<Integer, Double> values = new TreeMap<>();
        for (String line : lines) {
            Matcher m = SETTING.matcher(line.strip());
            if (m.matches()) {
                values.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
            }
        }
        return new GrblSettings(values);
    }

    /** The status report mask ({@code $10}), where the machine listed it. */
    OptionalInt statusReportMask() {
        Double mask = values.get(STATUS_REPORT);
        return mask == null ? OptionalInt.empty() : OptionalInt.of(mask.intValue());
    }

    /** Why the program cannot run on this machine, naming the line and the numbers; empty if it fits. */
    Optional<JobFailure> refusal(ProgramExtent extent, List<String> lines) {
        Double travelX = values.get(TRAVEL_X), travelY = values.get(TRAVEL_Y);
        if (travelX != null && extent.width() > travelX + TOLERANCE_MM) {
            return Optional.of(failure(extent.widestXLine(), lines, "$130", String.format(Locale.ROOT,
                    "the program spans %.3f mm in X but the machine travels %.3f mm ($130)", extent.width(), travelX)));
        }
        if (travelY != null && extent.height() > travelY + TOLERANCE_MM) {
            return Optional.of(failure(extent.widestYLine(), lines, "$131", String.format(Locale.ROOT,
                    "the program spans %.3f mm in Y but the machine travels %.3f mm ($131)", extent.height(), travelY)));
        }
        Double rateX = values.get(MAX_RATE_X), rateY = values.get(MAX_RATE_Y);
        if (rateX != null && rateY != null && extent.maxFeed() > Math.max(rateX, rateY) + TOLERANCE_MM) {
            return Optional.of(failure(extent.maxFeedLine(), lines, "$110/$111", String.format(Locale.ROOT,
                    "the program asks for %.1f mm/min but the machine's maximum rates are %.1f (X, $110) and %.1f (Y, $111) mm/min",
                    extent.maxFeed(), rateX, rateY)));
        }
        return Optional.empty();
    }

    private static JobFailure failure(int line, List<String> lines, String code, String message) {
        return new JobFailure(line, line > 0 ? lines.get(line - 1) : "", code, message);
    }
}
