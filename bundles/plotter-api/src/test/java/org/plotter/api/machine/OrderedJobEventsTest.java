package org.plotter.api.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OrderedJobEventsTest {
    private static final JobEvent.Finished FINISHED = new JobEvent.Finished(
            new JobResult(JobResult.Outcome.COMPLETED, 3, Optional.empty(), Duration.ofSeconds(1), Optional.empty()));

    @Test
    void nothingIsDeliveredAfterFinished() {
        List<JobEvent> seen = new ArrayList<>();
        OrderedJobEvents events = new OrderedJobEvents(seen::add);
        events.onEvent(new JobEvent.Progress(3, 3));
        events.onEvent(FINISHED);
        events.onEvent(new JobEvent.Status("Idle", 1, 2));
        events.onEvent(FINISHED);
        assertEquals(List.of(new JobEvent.Progress(3, 3), FINISHED), seen);
    }

    @Test
    void aReportRacingTheEndIsEitherBeforeItOrDropped() throws Exception {
        for (int round = 0; round < 200; round++) {
            List<JobEvent> seen = new ArrayList<>();
            OrderedJobEvents events = new OrderedJobEvents(e -> {
                synchronized (seen) {
                    seen.add(e);
                }
                Thread.onSpinWait();
            });
            CountDownLatch go = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < 50; i++) {
                    events.onEvent(new JobEvent.Status("Run", i, 0));
                }
            });
            reader.start();
            go.countDown();
            events.onEvent(FINISHED);
            reader.join();
            synchronized (seen) {
                assertEquals(FINISHED, seen.get(seen.size() - 1), "Finished last in round " + round);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
