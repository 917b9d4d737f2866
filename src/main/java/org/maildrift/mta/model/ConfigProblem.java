package org.maildrift.mta.model;

/**
 * Something wrong with a configuration, with the file and line it was found at (line 0 when it
 * concerns the file as a whole). An {@link Level#ERROR} means the MTA would refuse the config or
 * maildrift could not read it; a {@link Level#WARNING} is what the MTA itself would warn about.
 */
public record ConfigProblem(Level level, String file, int line, String message) {

    public enum Level { ERROR, WARNING }

    public static ConfigProblem error(String file, int line, String message) {
        return new ConfigProblem(Level.ERROR, file, line, message);
    }

    public static ConfigProblem warning(String file, int line, String message) {
        return new ConfigProblem(Level.WARNING, file, line, message);
    }

    public String describe() {
        return (line > 0 ? file + ":" + line : file) + ": " + message;
    }
}
