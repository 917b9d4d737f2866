package org.maildrift.rules;

/** A place in a file a finding points at (line 0: the file as a whole). */
public record Location(String file, int line) {

    public String describe() {
        return line > 0 ? file + ":" + line : file;
    }
}
