package org.plotter.model.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plotter.api.model.SamplingRequest;
import org.plotter.api.model.SketchModel;

/** What a kiosk that runs for days needs from the engine: loads that leave no threads or heap behind. */
class EngineLifecycleTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThousandLoadsLeaveThreadsAndHeapFlat() throws Exception {
        SketchRnnEngine engine = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.VECTOR);
        try {
            // 512 units: large enough that the recurrent product is split with the helper thread
            Path checkpoint = TinyCheckpoints.write(dir, "tiny", 512, 3, 1);
            SketchModel first = engine.load(checkpoint);
            first.sample(SamplingRequest.of(null, 0.5, 1));
            int threadsAfterFirst = ManagementFactory.getThreadMXBean().getThreadCount();
            long heapAfterFirst = usedHeapAfterGc();
            for (int i = 0; i < 1000; i++) {
                engine.load(checkpoint).sample(SamplingRequest.builder(i).maxSteps(5).build());
            }
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long heap = usedHeapAfterGc();
            assertTrue(threads <= threadsAfterFirst, "threads grew from " + threadsAfterFirst + " to " + threads);
            assertTrue(heap - heapAfterFirst < 32L << 20, "heap after GC grew by " + ((heap - heapAfterFirst) >> 20) + " MB");
        } finally {
            engine.deactivate();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void deactivatingTheEngineStopsItsHelperAndModelsKeepWorking() throws Exception {
        long helpersBefore = helperThreads();
        SketchRnnEngine engine = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.VECTOR);
        SketchModel model = engine.load(TinyCheckpoints.write(dir, "tiny", 512, 3, 2));
        var before = model.sample(SamplingRequest.of(null, 0.5, 7));
        assertEquals(helpersBefore + 1, helperThreads(), "one helper per engine");
        engine.deactivate();
        assertEquals(helpersBefore, helperThreads(), "the engine's helper thread must stop");
        assertEquals(before, model.sample(SamplingRequest.of(null, 0.5, 7)), "a model outlives its engine's helper, same sketch");
    }

    private static long helperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sketch-rnn second core") && t.isAlive()).count();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anErrorOnTheHelperReachesTheCallerInsteadOfHangingIt() {
        SecondCore core = new SecondCore("test helper");
        try {
            AssertionError thrown = assertThrows(AssertionError.class, () -> core.run(() -> { }, () -> {
                throw new AssertionError("boom");
            }));
            assertEquals("boom", thrown.getMessage());
            int[] ran = new int[2];
            core.run(() -> ran[0]++, () -> ran[1]++);
            assertEquals(1, ran[0] + ran[1] - 1, "the helper still works after a failure");
        } finally {
            core.close();
        }
        assertFalse(core.isAlive(), "closed helpers stop");
        int[] ran = new int[2];
        core.run(() -> ran[0]++, () -> ran[1]++);
        assertEquals(2, ran[0] + ran[1], "a closed helper's work runs on the caller");
    }

    @Test
    void oneShotRuntimesUseTheScalarKernels() {
        SketchRnnEngine scalar = SketchRnnEngine.standalone(SketchRnnEngine.KernelChoice.SCALAR);
        assertSame(ScalarKernels.INSTANCE, scalar.kernels());
        scalar.deactivate();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
