package io.panicboard.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo switch, {@code panicboard.demo} ({@code PANICBOARD_DEMO}). Other records bind
 * other fields of {@code panicboard}.
 *
 * @param demo whether to seed demo services, incidents, deploys and GC data at start-up
 * when the database holds no incidents and no occurrences
 */
@ConfigurationProperties("panicboard")
record DemoProperties(@DefaultValue("false") boolean demo) {

}
