package io.panicboard.incident;

import java.util.Optional;

/**
 * The services known to panicboard.
 */
public interface ServiceCatalog {

	/**
	 * Looks a service up.
	 * @param name the name
	 * @return the service, or empty
	 */
	Optional<ServiceInfo> find(String name);

	/**
	 * Returns the service, creating it with defaults when it does not exist yet; safe
	 * when several requests or replicas create the same service at once.
	 * @param name the name
	 * @return the service
	 */
	ServiceInfo register(String name);

}
