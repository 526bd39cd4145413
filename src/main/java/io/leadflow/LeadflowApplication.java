package io.leadflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LeadflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeadflowApplication.class, args);
    }
}
