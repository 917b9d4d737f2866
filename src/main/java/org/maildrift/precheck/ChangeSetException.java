package org.maildrift.precheck;

/** A change set that cannot be used, or a change that cannot be applied; the message names the file, line and key. */
public final class ChangeSetException extends Exception {

    private final String field;

    public ChangeSetException(String where, String field, String problem) {
        super((where == null || where.isEmpty() ? "" : where + ": ") + (field == null ? "" : field + ": ") + problem);
        this.field = field;
    }

    /** The change-set key at fault (rename-host.to, changes[2] …), or null. */
    public String field() {
        return field;
    }
}
