package io.panicboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * panicboard: sees, triages and prevents the crashes that unsafe map and memory use
 * causes in Go services.
 */
@SpringBootApplication
public class PanicboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(PanicboardApplication.class, args);
	}

}
