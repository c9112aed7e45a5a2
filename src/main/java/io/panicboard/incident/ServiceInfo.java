package io.panicboard.incident;

import java.util.List;

/**
 * A service that sends data to panicboard.
 *
 * @param name the unique name
 * @param team the owning team, or {@code null}
 * @param sourceLinkTemplate a template such as
 * {@code https://github.com/acme/orders/blob/{version}/{path}#L{line}}, or {@code null}
 * @param inAppPrefixes import path prefixes of the service's own modules
 */
public record ServiceInfo(String name, String team, String sourceLinkTemplate, List<String> inAppPrefixes) {

	public ServiceInfo {
		inAppPrefixes = List.copyOf(inAppPrefixes);
	}

}
