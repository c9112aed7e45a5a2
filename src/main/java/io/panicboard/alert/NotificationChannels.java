package io.panicboard.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The store of {@code notification_channel}.
 */
@Component
class NotificationChannels {

	private static final String COLUMNS = "id, name, type, url, secret, send_by_default, enabled, created_at, updated_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	NotificationChannels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<NotificationChannel> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notification_channel ORDER BY name")
			.query(NotificationChannels::map)
			.list();
	}

	Optional<NotificationChannel> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notification_channel WHERE id = ?")
			.param(id)
			.query(NotificationChannels::map)
			.optional();
	}

	Optional<NotificationChannel> findByName(String name) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notification_channel WHERE name = ?")
			.param(name)
			.query(NotificationChannels::map)
			.optional();
	}

	/**
	 * Creates a channel.
	 * @param settings valid settings
	 * @return the channel
	 * @throws DuplicateKeyException when the name is taken
	 */
	NotificationChannel create(ChannelSettings settings) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc
			.sql("""
					INSERT INTO notification_channel (name, type, url, secret, send_by_default, enabled, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING\s"""
					+ COLUMNS)
			.params(settings.name(), settings.channelType().id(), settings.url(), emptyToNull(settings.secret()),
					settings.sendByDefault(), settings.enabled(), now, now)
			.query(NotificationChannels::map)
			.single();
	}

	/**
	 * Changes a channel; a {@code null} secret keeps the stored one, and a channel that
	 * is not a webhook (any more) has none: only webhooks sign.
	 * @param id the channel
	 * @param settings valid settings
	 * @return the channel, or empty when there is none with that id
	 * @throws DuplicateKeyException when the new name is taken
	 */
	Optional<NotificationChannel> update(long id, ChannelSettings settings) {
		return this.jdbc.sql("""
				UPDATE notification_channel SET name = ?, type = ?, url = ?,
				    secret = CASE WHEN ? THEN secret ELSE ? END, send_by_default = ?, enabled = ?, updated_at = ?
				WHERE id = ? RETURNING\s""" + COLUMNS)
			.params(settings.name(), settings.channelType().id(), settings.url(), keepsSecret(settings),
					emptyToNull(settings.secret()), settings.sendByDefault(), settings.enabled(),
					Timestamp.from(this.clock.instant()), id)
			.query(NotificationChannels::map)
			.optional();
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM notification_channel WHERE id = ?").param(id).update() > 0;
	}

	/**
	 * Creates or updates a channel configured by the environment, in one statement, so
	 * that replicas starting together all succeed and end with the same row.
	 * @param name the channel's name
	 * @param type its type
	 * @param url its URL
	 * @param secret its secret, or {@code null}
	 */
	void configure(String name, ChannelType type, String url, String secret) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc
			.sql("""
					INSERT INTO notification_channel (name, type, url, secret, send_by_default, enabled, created_at, updated_at)
					VALUES (?, ?, ?, ?, true, true, ?, ?)
					ON CONFLICT (name) DO UPDATE SET type = excluded.type, url = excluded.url, secret = excluded.secret,
					    send_by_default = true, updated_at = excluded.updated_at
					WHERE (notification_channel.type, notification_channel.url, notification_channel.secret,
					       notification_channel.send_by_default)
					    IS DISTINCT FROM (excluded.type, excluded.url, excluded.secret, true)""")
			.params(name, type.id(), url, emptyToNull(secret), now, now)
			.update();
	}

	private static boolean keepsSecret(ChannelSettings settings) {
		return settings.secret() == null && settings.channelType() == ChannelType.WEBHOOK;
	}

	private static String emptyToNull(String secret) {
		return (secret == null || secret.isEmpty()) ? null : secret;
	}

	private static NotificationChannel map(ResultSet rs, int row) throws SQLException {
		return new NotificationChannel(rs.getLong("id"), rs.getString("name"),
				ChannelType.fromId(rs.getString("type")).orElseThrow(), rs.getString("url"), rs.getString("secret"),
				rs.getBoolean("send_by_default"), rs.getBoolean("enabled"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
