package io.github.flashj;

/** A parameter given to a builder is out of range; {@link #parameter()} names it. */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the builder method's name of the parameter
     * @param message what is wrong, naming the parameter
     */
    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The name of the parameter that is out of range, as the builder spells it. */
    public String parameter() {
        return parameter;
    }
}
