package org.maildrift.alerts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Alert settings and the recipients they name (a bad address stops start-up, naming the property). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertsConfiguration {

    @Bean
    Recipients alertRecipients(AlertProperties properties) {
        return new Recipients(properties);
    }
}
