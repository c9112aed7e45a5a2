package io.panicboard.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Puts {@link ServerErrorReportValve} in the place of Tomcat's error report valve, so
 * that a request the web server refuses on its own is answered in panicboard's formats.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrorReportConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> serverErrorReportCustomizer(
			@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
		return new ServerErrorReportCustomizer(maxHeaderSize.toBytes());
	}

	/**
	 * Runs after Spring Boot's own customizer, which adds Tomcat's valve to the host.
	 */
	static final class ServerErrorReportCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		private final long maxHeaderBytes;

		ServerErrorReportCustomizer(long maxHeaderBytes) {
			this.maxHeaderBytes = maxHeaderBytes;
		}

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				StandardHost host = (StandardHost) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// the host adds a valve of this class when it starts, unless it finds one
				host.setErrorReportValveClass(ServerErrorReportValve.class.getName());
				host.getPipeline().addValve(new ServerErrorReportValve(this.maxHeaderBytes));
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
