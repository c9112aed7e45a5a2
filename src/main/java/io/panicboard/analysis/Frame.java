package io.panicboard.analysis;

/**
 * One stack frame of a goroutine or race access.
 *
 * @param function the full function name as printed, without arguments, e.g.
 * {@code main.(*Index).Add} or {@code maps.Clone[...]}
 * @param packagePath the import path of the function's package, e.g.
 * {@code github.com/acme/orders/store}
 * @param receiver the method's receiver type without {@code *}, or {@code null}
 * @param pointerReceiver whether the receiver is a pointer
 * @param name the function name inside its package, e.g. {@code (*Index).Add} or
 * {@code main.func1}
 * @param arguments the argument text between the parentheses, {@code ...} for inlined
 * frames, empty for race stacks
 * @param file the source file as printed, or {@code null} when the line is missing
 * @param line the line number, or 0 when unknown
 * @param pcOffset the {@code +0x} offset, or {@code null} (inlined frames have none)
 * @param origin runtime, standard library, third party or application
 */
public record Frame(String function, String packagePath, String receiver, boolean pointerReceiver, String name,
		String arguments, String file, int line, String pcOffset, FrameOrigin origin) {

	/**
	 * Whether this frame is the service's own code.
	 * @return {@code true} for application frames
	 */
	public boolean inApp() {
		return this.origin == FrameOrigin.APPLICATION;
	}

	/**
	 * Whether the runtime inlined this frame (printed with {@code (...)} and no offset).
	 * @return {@code true} when inlined
	 */
	public boolean inlined() {
		return "...".equals(this.arguments) && this.pcOffset == null;
	}

	/**
	 * The {@code file:line} location, as the label format writes it.
	 * @return the location or {@code null} when the file is unknown
	 */
	public String location() {
		return (this.file != null) ? this.file + ":" + this.line : null;
	}

	Frame withOrigin(FrameOrigin newOrigin) {
		return new Frame(this.function, this.packagePath, this.receiver, this.pointerReceiver, this.name,
				this.arguments, this.file, this.line, this.pcOffset, newOrigin);
	}

}
