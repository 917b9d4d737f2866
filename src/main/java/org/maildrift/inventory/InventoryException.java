package org.maildrift.inventory;

/** The inventory cannot be used; the message names the file, the line and the key. */
public final class InventoryException extends Exception {

    private final String file;
    private final int line;
    private final String key;

    public InventoryException(String file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (key == null ? "" : ": " + key) + ": " + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
