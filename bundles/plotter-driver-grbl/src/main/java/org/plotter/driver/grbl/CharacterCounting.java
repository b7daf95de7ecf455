package org.plotter.driver.grbl;

import java.util.ArrayDeque;

/**
 * GRBL's character-counting flow control (the GRBL wiki's streaming protocol): a line may go out when the
 * bytes of all lines not yet answered, its own included, fit the controller's serial receive buffer; each
 * {@code ok} or {@code error} answers the oldest line. Not thread-safe: the streamer holds its lock.
 */
final class CharacterCounting {
    /** A program line sent and not yet answered: its index in the program and its bytes with the newline. */
    record Sent(int index, int bytes) {}

    private final int capacity;
    private final ArrayDeque<Sent> unanswered = new ArrayDeque<>();
    private int bytes;
    private int mostBytes;

    /** @param capacity the controller's receive buffer, bytes (GRBL 1.1 on an Uno: 128, less one) */
    CharacterCounting(int capacity) {
        this.capacity = capacity;
    }

    /** Whether a line of {@code lineBytes} may go out now. */
    boolean fits(int lineBytes) {
        return bytes + lineBytes <= capacity;
    }

    /** Whether a line that long could ever go out. */
    boolean everFits(int lineBytes) {
        return lineBytes <= capacity;
    }

    void sent(int index, int lineBytes) {
        unanswered.add(new Sent(index, lineBytes));
        bytes += lineBytes;
        mostBytes = Math.max(mostBytes, bytes);
    }

    /** The oldest unanswered line, now answered: its bytes are free again. Null if none was unanswered. */
    Sent answered() {
        Sent head = unanswered.poll();
        if (head != null) {
            bytes -= head.bytes();
        }
        return head;
    }

    boolean isEmpty() {
        return unanswered.isEmpty();
    }

    int size() {
        return unanswered.size();
    }

    /** The oldest unanswered line, or null. */
    Sent oldest() {
        return unanswered.peek();
    }

    /** The newest unanswered line, or null. */
    Sent newest() {
        return unanswered.peekLast();
    }

    /** Forgets every unanswered line: the controller's buffer was cleared (a soft reset). */
    void clear() {
        unanswered.clear();
        bytes = 0;
    }

    /** The most bytes that were ever unanswered at once. */
    int mostBytes() {
        return mostBytes;
    }
}
