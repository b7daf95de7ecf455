package org.plotter.driver.grbl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Explanations of GRBL's {@code error:N} and {@code ALARM:N} numbers, kept as data in a resource. */
final class GrblCodes {
    private static final Properties TEXTS = load();

    /** GRBL's alarm for a reset while moving: the queued motion is lost, the position is still counted. */
    static final int RESET_WHILE_IN_MOTION = 3;

    private GrblCodes() {}

    static String error(int code) {
        return TEXTS.getProperty("error." + code, "unknown error");
    }

    static String alarm(int code) {
        return TEXTS.getProperty("alarm." + code, "unknown alarm");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = GrblCodes.class.getResourceAsStream("grbl-codes.properties")) {
            if (in == null) {
                throw new IllegalStateException("grbl-codes.properties is missing from the bundle");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
