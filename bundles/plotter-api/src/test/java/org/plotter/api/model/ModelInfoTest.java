package org.plotter.api.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInfoTest {
    @Test
    void classNamesMatchWithoutCaseAndWithSpacesOrUnderscores() {
        ModelInfo info = new ModelInfo("palm_tree", "sketch-rnn", List.of("palm_tree"), "palm_tree.gen.json", 151);
        assertTrue(info.draws("palm_tree"));
        assertTrue(info.draws(" Palm Tree "));
        assertFalse(info.draws("palm"));
        assertFalse(info.draws("tree"));
    }
}
