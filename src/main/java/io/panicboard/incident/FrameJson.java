package io.panicboard.incident;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.panicboard.analysis.Frame;

/**
 * A stack frame as the API writes it, in {@code /api/v1/analyze} and in the occurrences
 * of an incident.
 *
 * @param function the fully qualified function
 * @param packagePath the import path of its package
 * @param receiver the method's receiver type, or {@code null}
 * @param pointerReceiver whether the receiver is a pointer
 * @param name the function's own name
 * @param arguments the argument words as printed
 * @param file the source file, or {@code null}
 * @param line the line, 0 when unknown
 * @param pcOffset the {@code +0x…} offset, or {@code null}
 * @param origin runtime, standard library, third party or application
 * @param inApp whether the frame is the application's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameJson(String function, @JsonProperty("package") String packagePath, String receiver,
		boolean pointerReceiver, String name, String arguments, String file, int line, String pcOffset, String origin,
		boolean inApp) {

	/**
	 * Maps a frame.
	 * @param frame the frame, or {@code null}
	 * @return its JSON view, or {@code null}
	 */
	public static FrameJson of(Frame frame) {
		if (frame == null) {
			return null;
		}
		return new FrameJson(frame.function(), frame.packagePath(), frame.receiver(), frame.pointerReceiver(),
				frame.name(), frame.arguments(), frame.file(), frame.line(), frame.pcOffset(), frame.origin().id(),
				frame.inApp());
	}

	/**
	 * Maps frames.
	 * @param frames the frames
	 * @return their JSON views, in order
	 */
	public static List<FrameJson> ofAll(List<Frame> frames) {
		return frames.stream().map(FrameJson::of).toList();
	}

}
