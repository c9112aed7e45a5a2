package io.panicboard.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint for tests: the JDK's HTTP server on a free loopback port, recording
 * every request and answering with the statuses it is told, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Integer> statuses = new ArrayDeque<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(2));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Answers the next requests with these statuses, one each.
	 * @param next the statuses
	 * @return this receiver
	 */
	synchronized WebhookReceiver answering(Integer... next) {
		this.statuses.addAll(List.of(next));
		return this;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
			this.received
				.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
			int status = nextStatus();
			byte[] answer = ((status / 100 == 2) ? "ok" : "failure " + status).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private synchronized int nextStatus() {
		Integer next = this.statuses.poll();
		return (next != null) ? next : 200;
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	/**
	 * A request as received.
	 *
	 * @param method the method
	 * @param path the path
	 * @param headers the first value of each header, names case-insensitive
	 * @param body the exact body bytes
	 */
	record Received(String method, String path, Map<String, String> headers, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
