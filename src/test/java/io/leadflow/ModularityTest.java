package io.leadflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * leadflow's feature modules: no cycles between them, and none reaches into another's internals.
 * Writes the module diagrams and canvases to target/spring-modulith-docs (linked from the README).
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(LeadflowApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(modules)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
