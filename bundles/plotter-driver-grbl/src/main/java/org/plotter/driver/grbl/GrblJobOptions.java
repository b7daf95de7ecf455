package org.plotter.driver.grbl;

import org.plotter.api.gcode.FirmwareProfile;

/**
 * What a profile's {@code protocol.*} settings ask of a GRBL job, read once (ProfileFile has refused
 * malformed values at load):
 *
 * @param homing {@value #HOMING}: run {@code $H} before the job
 * @param checkSettings {@value #CHECK_SETTINGS} (default true): read {@code $$} and refuse a program that
 *     leaves the machine's travel or exceeds its maximum rates
 * @param sendResponse {@value #STREAMING}{@code =send-response}: each line only after the previous one's
 *     ok (slower: the planner may starve; for controllers that cannot count characters); default
 *     {@code character-counting}
 * @param checkOnly {@value #CHECK_ONLY}, added by {@link GrblDriver#startCheck} for a dry run: the job runs
 *     in GRBL's check mode ({@code $C}) and nothing moves
 * @param lineChars {@value #LINE_CHARS}: the most characters the controller keeps of a line once it has dropped
 *     spaces and comments ({@link GrblLine}); a program with a longer line is refused before it starts
 */
record GrblJobOptions(boolean homing, boolean checkSettings, boolean sendResponse, boolean checkOnly, int lineChars) {
    static final String HOMING = "protocol.homing";
    static final String CHECK_SETTINGS = "protocol.check.settings";
    static final String STREAMING = "protocol.streaming";
    static final String CHECK_ONLY = "protocol.check.only";
    static final String LINE_CHARS = "protocol.line.chars";

    static GrblJobOptions of(FirmwareProfile profile) {
        FirmwareProfile.Protocol p = profile.protocol();
        return new GrblJobOptions(p.flag(HOMING, false), p.flag(CHECK_SETTINGS, true),
                p.setting(STREAMING).map(v -> v.trim().equalsIgnoreCase("send-response")).orElse(false), p.flag(CHECK_ONLY, false),
                p.setting(LINE_CHARS).map(v -> Integer.parseInt(v.trim())).orElse(GrblLine.DEFAULT_MOST_CHARS));
    }
}
