package org.maildrift.checks;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code maildrift.checks.*}: which inventory to check, how often (a fixed interval, or a cron
 * expression that wins when set), whether to check at start-up, how many consecutive observations
 * confirm drift (and its resolution), the DNS timeout per attempt, and how long a run may hold the
 * lease that keeps instances sharing a database from checking at the same time.
 */
@ConfigurationProperties("maildrift.checks")
@Validated
public record CheckProperties(
        @NotNull @DefaultValue("config-samples/demo/inventory.yml") Path inventory,
        @NotNull @DefaultValue("15m") Duration interval,
        @DefaultValue("") String cron,
        @DefaultValue("true") boolean atStartup,
        @Min(1) @Max(100) @DefaultValue("2") int confirmations,
        @NotNull @DefaultValue("5s") Duration dnsTimeout,
        @NotNull @DefaultValue("30m") Duration lease) {
}
