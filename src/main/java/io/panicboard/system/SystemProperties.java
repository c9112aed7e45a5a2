package io.panicboard.system;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by the whole application. They sit directly under {@code panicboard}
 * because they are part of the documented environment ({@code PANICBOARD_DATA_DIR}).
 *
 * @param dataDir where panicboard keeps local state; the embedded PostgreSQL uses its
 * {@code postgres} sub-directory
 * @param embeddedDb the embedded PostgreSQL, used when no external database is configured
 */
@ConfigurationProperties("panicboard")
@Validated
record SystemProperties(@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue @Valid EmbeddedDb embeddedDb) {

	Path postgresDataDirectory() {
		return this.dataDir.resolve("postgres").toAbsolutePath().normalize();
	}

	/**
	 * Settings of the embedded PostgreSQL.
	 *
	 * @param port the port it listens on (localhost only), {@code 0} for any free port
	 */
	record EmbeddedDb(@DefaultValue("0") @PositiveOrZero @Max(65535) int port) {

	}

}
