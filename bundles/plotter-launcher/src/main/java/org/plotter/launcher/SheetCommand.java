package org.plotter.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.plotter.api.model.SamplingRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What the commands that draw a sheet of sketches without a machine share (sample, interpolate, complete,
 * reconstruct): the model and how to sample it, the page, where the files go and what they are.
 */
abstract class SheetCommand implements Callable<Integer> {
    @ParentCommand
    PlotterCommand root;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    PageOptions page;

    @Mixin
    OutputOptions output;

    @Mixin
    SheetOptions sheet;

    /** {@code count} requests for the options' class and temperature, with seeds SEED, SEED+1, ... */
    List<SamplingRequest> requests(int count) {
        SamplingRequest first = sampling.request();
        List<SamplingRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(SamplingRequest.of(sampling.sketchClass, first.temperature(), first.seed() + i));
        }
        return requests;
    }
}
