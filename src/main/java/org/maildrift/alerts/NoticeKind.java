package org.maildrift.alerts;

/** What an item in an alert e-mail says, in the order the e-mail lists them. */
public enum NoticeKind {
    BLIND("maildrift cannot see"),
    NEW("new drift"),
    FLAPPING("started flapping"),
    REMINDER("still open"),
    FLAPPING_STOPPED("stopped flapping"),
    SIGHT_RESTORED("maildrift can see again"),
    RESOLVED("resolved"),
    TEST("test alert");

    private final String heading;

    NoticeKind(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
