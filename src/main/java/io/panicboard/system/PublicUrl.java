package io.panicboard.system;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where users reach this panicboard ({@code PANICBOARD_PUBLIC_URL}), for the links that
 * leave the application: alert notifications, runbook links, scheduled reports.
 */
@Component
public class PublicUrl {

	private final URI base;

	PublicUrl(@Value("${panicboard.public-url:http://localhost:8080}") String base) {
		URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
			throw new IllegalArgumentException("panicboard.public-url must be an http or https URL: " + base);
		}
		this.base = uri;
	}

	/**
	 * An absolute link to a path of this application.
	 * @param path the path, starting with {@code /}, possibly with a query
	 * @return the absolute URL
	 */
	public String link(String path) {
		return this.base + path;
	}

	@Override
	public String toString() {
		return this.base.toString();
	}

}
