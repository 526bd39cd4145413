package io.leadflow;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.leadflow.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work in flight when leadflow is killed comes back within 30 s: every job worker leadflow opens takes its jobs for
 * at most that long (the engine hands a job out again once its timeout passes), the user tasks' claim included.
 */
class JobTimeoutsIT extends LeadflowIntegrationTest {

    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;
    @Autowired
    JobWorkerManager workers;
    @Autowired
    CamundaClient client;

    @Test
    void everyJobTypeIsHandedOutAgainWithin30sOfACrash() {
        Map<String, Duration> timeouts = new TreeMap<>();
        for (Object bean : context.getBeansWithAnnotation(Component.class).values()) {
            for (Method method : AopUtils.getTargetClass(bean).getMethods()) {
                if (method.isAnnotationPresent(JobWorker.class)) {
                    String jobType = method.getAnnotation(JobWorker.class).type();
                    timeouts.put(jobType, timeoutOf(workers.findJobWorkerConfigByType(jobType).orElseThrow()));
                }
            }
        }

        assertThat(timeouts).as("the job workers").hasSizeGreaterThan(10)
                .allSatisfy((jobType, timeout) -> assertThat(timeout).as(jobType).isPositive().isLessThanOrEqualTo(BACK_WITHIN));
        assertThat(Duration.ofMillis(ProcessEngine.USER_TASK_CLAIM_MILLIS)).isLessThanOrEqualTo(BACK_WITHIN);
    }

    /** The worker's own timeout, else the client's default (as the job worker manager opens it). */
    private Duration timeoutOf(JobWorkerValue worker) {
        Duration own = worker.getTimeout();
        return own != null && !own.isNegative() ? own : client.getConfiguration().getDefaultJobTimeout();
    }
}
