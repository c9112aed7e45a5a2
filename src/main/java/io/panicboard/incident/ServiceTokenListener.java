package io.panicboard.incident;

import io.panicboard.security.ApiTokenCreated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the service of a new one-service ingest token, so that the token can send
 * data for it at once (a one-service token may not create services itself).
 */
@Component
class ServiceTokenListener {

	private final ServiceCatalog services;

	ServiceTokenListener(ServiceCatalog services) {
		this.services = services;
	}

	@EventListener
	void on(ApiTokenCreated created) {
		if (created.service() != null) {
			this.services.register(created.service());
		}
	}

}
