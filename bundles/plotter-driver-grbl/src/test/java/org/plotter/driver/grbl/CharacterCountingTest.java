package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The GRBL wiki's character counting: lines go out while their bytes fit the receive buffer, and answers free the oldest. */
class CharacterCountingTest {
    @Test
    void linesGoOutWhileTheyFitAndAnswersFreeTheOldest() {
        CharacterCounting buffer = new CharacterCounting(127);
        buffer.sent(0, 60);
        buffer.sent(1, 60);
        assertTrue(buffer.fits(7), "120 + 7 = 127 fits exactly");
        assertFalse(buffer.fits(8));
        buffer.sent(2, 7);
        assertEquals(127, buffer.mostBytes());
        assertEquals(0, buffer.answered().index(), "an ok answers the oldest line");
        assertTrue(buffer.fits(60) && !buffer.fits(61));
        assertEquals(1, buffer.oldest().index());
        assertEquals(2, buffer.newest().index());
        buffer.clear();
        assertTrue(buffer.isEmpty() && buffer.fits(127));
        assertNull(buffer.answered(), "an ok with nothing unanswered answers no program line");
        assertFalse(buffer.everFits(128));
        assertEquals(127, buffer.mostBytes(), "the most ever unanswered stays");
    }
}
