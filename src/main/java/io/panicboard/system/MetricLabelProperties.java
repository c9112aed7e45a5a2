package io.panicboard.system;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bound on the series that senders' service and environment names create in
 * {@code /metrics} ({@code panicboard.metrics.*}, beside the settings of the endpoint
 * itself). Further names are counted under {@link MetricLabels#OVERFLOW}.
 *
 * @param maxServices how many services get series of their own
 * @param maxEnvironmentsPerService how many environments of each service get series of
 * their own
 */
@ConfigurationProperties("panicboard.metrics")
@Validated
record MetricLabelProperties(@DefaultValue("1000") @Positive int maxServices,
		@DefaultValue("20") @Positive int maxEnvironmentsPerService) {

}
