package org.maildrift.dns.zonefile;

/** A zone file maildrift will not use, with the file and line at fault. */
public final class ZoneFileException extends Exception {

    private final String file;
    private final int line;
    private final String detail;

    public ZoneFileException(String file, int line, String message) {
        super((line > 0 ? file + ":" + line : file) + ": " + message);
        this.file = file;
        this.line = line;
        this.detail = message;
    }

    /** What is wrong, without the file and line. */
    public String detail() {
        return detail;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
