package io.panicboard.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code api_token} table.
 */
@Repository
class TokenStore {

	private static final String COLUMNS = "id, name, display_prefix, scope, service, created_at, created_by, "
			+ "last_used_at, revoked_at";

	private final JdbcClient jdbc;

	TokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	StoredToken insert(String name, String secretHash, String displayPrefix, TokenScope scope, String service,
			String createdBy) {
		return this.jdbc.sql("""
				INSERT INTO api_token (name, secret_hash, display_prefix, scope, service, created_by)
				VALUES (:name, :hash, :prefix, :scope, :service, :createdBy)
				RETURNING\s""" + COLUMNS)
			.param("name", name)
			.param("hash", secretHash)
			.param("prefix", displayPrefix)
			.param("scope", scope.id())
			.param("service", service)
			.param("createdBy", createdBy)
			.query(TokenStore::row)
			.single();
	}

	Optional<StoredToken> findByHash(String secretHash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = :hash")
			.param("hash", secretHash)
			.query(TokenStore::row)
			.optional();
	}

	List<StoredToken> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY id DESC").query(TokenStore::row).list();
	}

	/**
	 * Revokes a token; revoking it again keeps the first time.
	 * @return whether the token exists
	 */
	boolean revoke(long id) {
		return this.jdbc.sql("UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Sets {@code last_used_at} to {@code now} unless another request or replica has set
	 * it after {@code notAfter}.
	 */
	void touch(long id, Instant now, Instant notAfter) {
		this.jdbc.sql("""
				UPDATE api_token SET last_used_at = :now
				WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :notAfter)""")
			.param("id", id)
			.param("now", Timestamp.from(now))
			.param("notAfter", Timestamp.from(notAfter))
			.update();
	}

	private static StoredToken row(ResultSet rs, int rowNum) throws SQLException {
		return new StoredToken(rs.getLong("id"), rs.getString("name"), rs.getString("display_prefix"),
				TokenScope.fromId(rs.getString("scope")).orElseThrow(), rs.getString("service"),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "last_used_at"),
				instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
