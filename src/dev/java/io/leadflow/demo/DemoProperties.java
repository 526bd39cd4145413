package io.leadflow.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data ({@code leadflow.demo.*}, profile {@code demo} only).
 *
 * @param seed how many leads to post at start, walked through the sequence with the clock moved (0: none)
 */
@ConfigurationProperties(prefix = "leadflow.demo")
public record DemoProperties(@DefaultValue("0") int seed) {
}
