package org.maildrift.checks;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/** The scheduled checks: the first at start-up (unless turned off), then by cron or at a fixed interval. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CheckProperties.class)
class ChecksConfiguration implements SchedulingConfigurer {

    private final CheckProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<CheckRunner> runner;

    ChecksConfiguration(CheckProperties properties, org.springframework.beans.factory.ObjectProvider<CheckRunner> runner) {
        this.properties = properties;
        this.runner = runner;
    }

    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }

    /** The first check, in the background once the service is up, so the dashboard answers meanwhile. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void firstCheck() {
        if (properties.atStartup()) {
            runner.getObject().start("start-up");
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Runnable check = () -> runner.getObject().runNow("scheduled");
        if (!properties.cron().isBlank()) {
            tasks.addCronTask(new org.springframework.scheduling.config.CronTask(check,
                    new CronTrigger(properties.cron())));
        } else {
            tasks.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(check,
                    properties.interval(), properties.interval()));
        }
    }
}
