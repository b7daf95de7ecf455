package org.plotter.train.rnn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One ND4J workspace for everything a training or evaluation step allocates, reused step after step.
 * ND4J frees off-heap arrays only when the Java garbage collector notices their small wrappers, which
 * it rarely does: without this a training run grew by ~50 MB a step until the kernel killed it.
 * Nothing a step creates outlives it (parameters, gradients and optimiser state live outside).
 */
final class StepMemory {
    private static final String NAME = "sketch-rnn-step";
    /** Learnt in the first step, grown when a longer batch needs more (batches vary with their longest sketch). */
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.3)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    private StepMemory() {}

    static MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, NAME);
    }
}
