package io.panicboard.incident;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code service} table. Registration inserts with {@code ON CONFLICT DO NOTHING} and
 * reads the row back, so that concurrent first ingests of one service from several
 * requests or replicas all succeed and see the same row. Known services are cached for a
 * few seconds: every ingest request looks its services up, and their settings change
 * rarely.
 */
@Repository
class ServiceRegistry implements ServiceCatalog {

	private static final String COLUMNS = "name, team, source_link_template, in_app_prefixes";

	private static final String SELECT = "SELECT " + COLUMNS + " FROM service WHERE name = ?";

	private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final int CACHE_MAX = 10_000;

	private final JdbcClient jdbc;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ServiceRegistry(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<ServiceInfo> find(String name) {
		Cached cached = this.cache.get(name);
		long now = System.nanoTime();
		if (cached != null && now - cached.loadedAt() < CACHE_NANOS) {
			return Optional.of(cached.service());
		}
		Optional<ServiceInfo> found = this.jdbc.sql(SELECT).param(name).query(ServiceRegistry::map).optional();
		found.ifPresent((service) -> cache(service, now));
		return found;
	}

	@Override
	public ServiceInfo register(String name) {
		this.jdbc.sql("INSERT INTO service (name) VALUES (?) ON CONFLICT (name) DO NOTHING").param(name).update();
		return find(name).orElseThrow();
	}

	/**
	 * All services, by name.
	 * @return the services
	 */
	List<ServiceInfo> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM service ORDER BY name").query(ServiceRegistry::map).list();
	}

	/**
	 * Changes a service's team, source-link template and in-app prefixes. This replica
	 * sees the change at once; other replicas once their cached copy expires. Call it
	 * outside a transaction, so that the change is committed when it returns.
	 * @param service the new settings of the service named by its name
	 * @return the service as stored, or empty when there is no such service
	 */
	Optional<ServiceInfo> update(ServiceInfo service) {
		Optional<ServiceInfo> updated = this.jdbc
			.sql("UPDATE service SET team = ?, source_link_template = ?, "
					+ "in_app_prefixes = ? WHERE name = ? RETURNING " + COLUMNS)
			.params(service.team(), service.sourceLinkTemplate(), service.inAppPrefixes().toArray(String[]::new),
					service.name())
			.query(ServiceRegistry::map)
			.optional();
		updated.ifPresent((stored) -> cache(stored, System.nanoTime()));
		return updated;
	}

	/**
	 * Caches a service read at {@code loadedAt}, unless a copy read later is cached: a
	 * lookup that read the row before an update committed must not replace the updated
	 * copy when it finishes after the update.
	 */
	private void cache(ServiceInfo service, long loadedAt) {
		if (this.cache.size() >= CACHE_MAX) {
			this.cache.clear();
		}
		this.cache.merge(service.name(), new Cached(service, loadedAt),
				(cached, loaded) -> (loaded.loadedAt() - cached.loadedAt() >= 0) ? loaded : cached);
	}

	private record Cached(ServiceInfo service, long loadedAt) {
	}

	private static ServiceInfo map(ResultSet rs, int rowNum) throws SQLException {
		Array prefixes = rs.getArray("in_app_prefixes");
		List<String> inAppPrefixes = (prefixes != null) ? Arrays.asList((String[]) prefixes.getArray()) : List.of();
		return new ServiceInfo(rs.getString("name"), rs.getString("team"), rs.getString("source_link_template"),
				inAppPrefixes);
	}

}
