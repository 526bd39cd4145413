package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.leadflow.engine.internal.ClusterIncidents;
import io.leadflow.engine.internal.ClusterProcessInstances;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Camunda 8 cluster, set with {@code camunda.client.*}: its keys are unique for its whole life. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "leadflow.engine.mode", havingValue = "remote", matchIfMissing = true)
class RemoteEngineConfiguration {

    @Bean
    EngineIdentity clusterIdentity() {
        return new EngineIdentity("cluster");
    }

    /** The cluster's process view, from its REST API's searches (camunda.client.rest-address). */
    @Bean
    ProcessInstances clusterProcessInstances(CamundaClient client, ProcessModels models) {
        return new ClusterProcessInstances(client, models);
    }

    /** The cluster's incidents, from its REST API's search (camunda.client.rest-address). */
    @Bean
    Incidents clusterIncidents(CamundaClient client, ProcessModels models) {
        return new ClusterIncidents(client, models);
    }
}
