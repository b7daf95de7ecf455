package org.plotter.driver.sim;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a fault makes of the {@code ok} that answers a line, the same on both simulated firmwares: lost
 * ({@code lostok}), late ({@code lateok}), behind line noise ({@code garbage}), run into a line cut off
 * ({@code partial}: {@code fragment}, without its end), or gone with the cable ({@code unplug}).
 */
final class OkFaults {
    /** How late a late ok comes. */
    static final long LATE_MILLIS = 1500;

    private OkFaults() {}

    /** Answers a line that has run: {@code ok} through {@code send} (a whole line), or what {@code fault} makes of it. */
    static void answer(String fault, Consumer<String> send, ByteQueueInputStream toHost, Runnable unplug, String fragment)
            throws InterruptedException {
        switch (fault) {
            case "lostok" -> { }
            case "unplug" -> unplug.run(); // the cable goes as the line has run: its ok is lost with it
            case "lateok" -> {
                Thread.sleep(LATE_MILLIS);
                send.accept("ok");
            }
            case "garbage" -> {
                toHost.offer(new byte[] {(byte) 0xff, 0x00, '#', '%', (byte) 0x80, '\r', '\n'});
                send.accept("ok");
            }
            case "partial" -> {
                toHost.offer(fragment.getBytes(StandardCharsets.US_ASCII));
                send.accept("ok");
            }
            default -> send.accept("ok");
        }
    }
}
