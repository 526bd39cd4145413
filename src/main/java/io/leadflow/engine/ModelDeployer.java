package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Deploys the BPMN, DMN and form files of processes/ as they are, at start-up. */
@Component
public class ModelDeployer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final CamundaClient client;
    private final String location;

    ModelDeployer(CamundaClient client, @Value("${leadflow.processes-location:classpath*:processes/*}") String location) {
        this.client = client;
        this.location = location;
    }

    /** Before the web server opens, so no lead can start a process that is not deployed yet. */
    @Override
    public void afterSingletonsInstantiated() {
        List<Resource> models = models();
        DeployResourceCommandStep2 command = null;
        for (Resource model : models) {
            try (InputStream in = model.getInputStream()) {
                byte[] bytes = in.readAllBytes();
                command = command == null
                        ? client.newDeployResourceCommand().addResourceBytes(bytes, model.getFilename())
                        : command.addResourceBytes(bytes, model.getFilename());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (command == null) {
            throw new IllegalStateException("No models found at " + location);
        }
        command.send().join();
        log.info("Deployed {} models: {}", models.size(), models.stream().map(Resource::getFilename).toList());
    }

    private List<Resource> models() {
        try {
            List<Resource> models = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
                String name = resource.getFilename();
                if (name != null && (name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form"))) {
                    models.add(resource);
                }
            }
            models.sort((a, b) -> a.getFilename().compareTo(b.getFilename()));
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
