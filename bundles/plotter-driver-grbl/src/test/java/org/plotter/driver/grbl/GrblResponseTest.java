package org.plotter.driver.grbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** GRBL 1.1 replies as real controllers print them (GRBL's interface documentation), parsed without a machine. */
class GrblResponseTest {
    @Test
    void responsesAndPushMessages() {
        assertEquals(GrblResponse.Kind.OK, GrblResponse.parse("ok\r").kind());
        GrblResponse error = GrblResponse.parse("error:22");
        assertEquals(GrblResponse.Kind.ERROR, error.kind());
        assertEquals(22, error.code());
        GrblResponse alarm = GrblResponse.parse("ALARM:2");
        assertEquals(GrblResponse.Kind.ALARM, alarm.kind());
        assertEquals(2, alarm.code());
        GrblResponse banner = GrblResponse.parse("Grbl 1.1h ['$' for help]");
        assertEquals(GrblResponse.Kind.BANNER, banner.kind());
        assertEquals("Grbl 1.1h", banner.firmware());
        assertEquals("Grbl 1.1f", GrblResponse.parse("Grbl 1.1f ['$' for help]").firmware());
        for (String message : new String[] {"[MSG:'$H'|'$X' to unlock]", "[MSG:Caution: Unlocked]", "[GC:G0 G54 G17 G21 G90 G94 M5 M9 T0 F0 S0]",
                "[VER:1.1h.20190825:]", "[OPT:V,15,128]", "[HLP:$$ $# $G $I $N $x=val $Nx=line $J=line $SLP $C $X $H ~ ! ? ctrl-x]"}) {
            assertEquals(GrblResponse.Kind.MESSAGE, GrblResponse.parse(message).kind(), message);
        }
        assertEquals(GrblResponse.Kind.OTHER, GrblResponse.parse("$130=300.000").kind());
        assertEquals(GrblResponse.Kind.OTHER, GrblResponse.parse("Grbl").kind(), "not a banner without a version");
    }

    @Test
    void statusReportsWithEveryField() {
        GrblStatus run = GrblResponse.parse("<Run|MPos:10.000,5.500,-1.000|Bf:15,128|FS:3000,30|WCO:0.000,0.000,0.000>").status().orElseThrow();
        assertEquals("Run", run.state());
        assertTrue(run.machineCoordinates());
        assertEquals(10.0, run.x());
        assertEquals(5.5, run.y());
        assertEquals(-1.0, run.z());
        assertEquals(OptionalInt.of(15), run.plannerBlocksFree());
        assertEquals(OptionalInt.of(128), run.rxBytesFree());
        assertEquals(3000, run.feed());
        assertEquals(30, run.spindle());

        GrblStatus hold = GrblResponse.parse("<Hold:0|WPos:1.000,2.000,3.000|FS:0,0|Ov:100,100,100>").status().orElseThrow();
        assertEquals("Hold", hold.state());
        assertTrue(hold.holdComplete());
        assertFalse(hold.machineCoordinates());
        GrblStatus decelerating = GrblResponse.parse("<Hold:1|MPos:1.000,2.000,3.000|FS:500,0|Pn:XZ>").status().orElseThrow();
        assertFalse(decelerating.holdComplete());

        GrblStatus idle = GrblResponse.parse("<Idle|MPos:0.000,0.000,0.000|F:0|Ov:100,100,100|A:S>").status().orElseThrow();
        assertEquals("Idle", idle.state());
        assertEquals(OptionalInt.empty(), idle.plannerBlocksFree());
        assertEquals("Alarm", GrblResponse.parse("<Alarm|MPos:0.000,0.000,0.000|FS:0,0>").status().orElseThrow().state());
        assertEquals("Door", GrblResponse.parse("<Door:1|MPos:0.000,0.000,0.000|FS:0,0>").status().orElseThrow().state());
    }

    @Test
    void malformedStatusIsNotMistakenForOne() {
        assertEquals(GrblResponse.Kind.OTHER, GrblResponse.parse("<Run|MPos:1.0,abc,0>").kind());
        assertEquals(GrblResponse.Kind.OTHER, GrblResponse.parse("<Run|FS:0,0>").kind(), "no position");
        assertEquals(GrblResponse.Kind.OTHER, GrblResponse.parse("<|MPos:0,0,0>").kind());
    }
}
