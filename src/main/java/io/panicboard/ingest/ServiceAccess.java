package io.panicboard.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.panicboard.analysis.InAppRules;
import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.incident.ServiceCatalog;
import io.panicboard.incident.ServiceInfo;
import io.panicboard.security.ApiAccess;
import io.panicboard.security.ApiPrincipal;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Decides whether the caller may send data for services, creates services on their first
 * ingest, and gives the analyzer with each service's in-app rules.
 * <p>
 * A token limited to one service may only send for that service (403 otherwise), and an
 * unknown service is created only for a caller that may create services (admin and
 * all-services ingest tokens); anyone else gets 403 for it.
 */
@Component
class ServiceAccess {

	private final ServiceCatalog catalog;

	private final TraceAnalyzer analyzer;

	ServiceAccess(ServiceCatalog catalog, TraceAnalyzer analyzer) {
		this.catalog = catalog;
		this.analyzer = analyzer;
	}

	/**
	 * The authenticated caller.
	 * @param request the request
	 * @return the caller
	 * @throws org.springframework.web.ErrorResponseException 401 when there is none
	 */
	static ApiPrincipal principal(HttpServletRequest request) {
		return ApiAccess.principal(request);
	}

	/**
	 * Authorizes the caller for each service, creating unknown services when allowed: for
	 * endpoints that read and validated the whole body already.
	 * @param principal the caller
	 * @param services the services of the request
	 * @return an analyzer per service
	 */
	Map<String, TraceAnalyzer> analyzers(ApiPrincipal principal, Collection<String> services) {
		Admission admission = admit(principal, services);
		register(admission);
		return admission.analyzers();
	}

	/**
	 * Authorizes the caller for each service without creating any, for endpoints that
	 * analyse a body while they read it: a request rejected while reading (a body over
	 * the limit, broken gzip) must not leave a new service behind. {@link #register}
	 * creates them once the body was read.
	 * @param principal the caller
	 * @param services the services of the request
	 * @return an analyzer per service; an unknown service's has no in-app rules, like a
	 * service just created
	 * @throws org.springframework.web.ErrorResponseException 403 for a service the caller
	 * may not send for or may not create
	 */
	Admission admit(ApiPrincipal principal, Collection<String> services) {
		Map<String, TraceAnalyzer> analyzers = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		for (String service : new TreeSet<>(services)) {
			permit(principal, service);
			Optional<ServiceInfo> info = this.catalog.find(service);
			if (info.isEmpty()) {
				requireMayCreate(principal, service);
				unknown.add(service);
			}
			List<String> prefixes = info.map(ServiceInfo::inAppPrefixes).orElse(List.of());
			analyzers.put(service, this.analyzer.withInAppRules(new InAppRules(prefixes)));
		}
		return new Admission(analyzers, unknown);
	}

	/**
	 * Creates the services an admission found unknown.
	 * @param admission the admission
	 */
	void register(Admission admission) {
		admission.unknown().forEach(this.catalog::register);
	}

	/**
	 * Checks that the caller may send data for a service, without creating it: for
	 * endpoints that know the service before they read the body, so that a caller who may
	 * not send learns nothing about what the body should contain.
	 * @param principal the caller
	 * @param service the service
	 */
	void permit(ApiPrincipal principal, String service) {
		if (!principal.mayIngest(service)) {
			throw ApiAccess.forbidden("This token may not send data for service '" + service + "'.");
		}
	}

	/**
	 * Authorizes the caller for one service, creating it when unknown and allowed.
	 * @param principal the caller
	 * @param service the service
	 * @return the service
	 */
	ServiceInfo authorize(ApiPrincipal principal, String service) {
		permit(principal, service);
		return this.catalog.find(service).orElseGet(() -> {
			requireMayCreate(principal, service);
			return this.catalog.register(service);
		});
	}

	private static void requireMayCreate(ApiPrincipal principal, String service) {
		if (!principal.mayCreateServices()) {
			throw ApiAccess.forbidden("Service '" + service
					+ "' does not exist, and this token may not create services; use an all-services token "
					+ "for its first data.");
		}
	}

	/**
	 * The services of a request the caller may send for.
	 *
	 * @param analyzers the analyzer of each service, with its in-app rules
	 * @param unknown the services that do not exist yet
	 */
	record Admission(Map<String, TraceAnalyzer> analyzers, List<String> unknown) {
	}

}
