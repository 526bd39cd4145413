package io.leadflow;

import io.leadflow.simulation.SimulateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadflowApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(SimulateCommand.NAME)) {
            System.exit(SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(LeadflowApplication.class, args);
    }
}
