package org.plotter.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plotter.api.machine.PlotterConnection;

/**
 * An open serial port. Reads wait in short slices so that a reader that is interrupted (its job ended)
 * stops within {@value SerialSettings#READ_POLL_MILLIS} ms, as a native read alone would not; a port that
 * disappears (USB unplugged, the pseudo-terminal closed) ends reading with an {@link IOException} within
 * the same time, where a native read might only time out for ever.
 */
final class SerialConnection implements PlotterConnection {
    private final String name;
    private final SerialPort port;
    private final InputStream input;
    private final OutputStream output;
    private final Runnable onClose;
    /** The device's path where it has one: a USB adapter's node (or a pseudo-terminal's link) goes when unplugged. */
    private final Path device;

    SerialConnection(String name, SerialPort port, Path device, Runnable onClose) {
        this.name = name;
        this.port = port;
        this.device = device;
        this.onClose = onClose;
        this.input = new PortInput(port.getInputStream());
        this.output = port.getOutputStream();
    }

    @Override
    public String port() {
        return name;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        port.closePort();
        onClose.run();
    }

    private final class PortInput extends InputStream {
        private final InputStream in;

        PortInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("reading " + name + " was interrupted");
                }
                if (!port.isOpen()) {
                    return -1;
                }
                try {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                } catch (SerialPortTimeoutException quiet) {
                    // nothing within the slice
                }
                // the device may be gone, which a read alone does not always say
                if (port.bytesAvailable() < 0 || (device != null && !Files.exists(device))) {
                    throw new IOException(name + " disappeared (unplugged, or switched off)");
                }
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
