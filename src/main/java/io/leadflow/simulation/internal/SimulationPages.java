package io.leadflow.simulation.internal;

import io.leadflow.platform.PageController;
import io.leadflow.simulation.SimulationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;
import java.util.UUID;

/**
 * The managers' side of a simulation (security lets only managers in): the form of the managers' page posts here, and
 * the simulation's page shows its progress (reloading itself while it runs) and then the diff, with the changed leads
 * linked to their pages.
 */
@PageController
@RequestMapping("/manager/simulations")
class SimulationPages {

    static final String PAGE = "/manager/simulations/";

    private final SimulationRunner runner;
    private final SimulationRepository simulations;
    private final LeadFile leadFile;
    private final SimulationProperties settings;

    SimulationPages(SimulationRunner runner, SimulationRepository simulations, LeadFile leadFile, SimulationProperties settings) {
        this.runner = runner;
        this.simulations = simulations;
        this.leadFile = leadFile;
        this.settings = settings;
    }

    @PostMapping
    String submit(@RequestParam(name = "models", required = false) List<MultipartFile> models,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) MultipartFile leads, Authentication auth) {
        UUID id = SimulationController.submit(runner, leadFile, settings, models, from, to, leads, auth.getName());
        return "redirect:" + PAGE + id;
    }

    @GetMapping("/{id}")
    String page(@PathVariable UUID id, Model model) {
        SimulationRepository.Stored simulation = simulations.find(id).orElseThrow(() -> SimulationController.notFound(id));
        model.addAttribute("manager", true);
        model.addAttribute("simulation", simulation);
        model.addAttribute("status", simulation.status().name());
        if (simulation.result() != null) {
            model.addAttribute("result", simulation.result());
        }
        return "simulations/simulation";
    }
}
