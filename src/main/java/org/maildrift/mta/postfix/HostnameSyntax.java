package org.maildrift.mta.postfix;

/** Postfix's valid_hostname(): letters, digits, '-' and '_' in labels of 1..63, at most 255, not all numeric. */
public final class HostnameSyntax {

    private HostnameSyntax() {
    }

    /** Why the name is not a valid host name, or null when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.length() > 255) {
            return "name longer than 255 characters";
        }
        int label = 0;
        boolean nonNumeric = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0 || i == name.length() - 1) {
                    return "misplaced delimiter";
                }
                label = 0;
            } else if (c == '-') {
                if (label == 0 || i + 1 >= name.length() || name.charAt(i + 1) == '.') {
                    return "misplaced hyphen";
                }
                label++;
                nonNumeric = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
                label++;
                nonNumeric = true;
            } else if (c >= '0' && c <= '9') {
                label++;
            } else {
                return "invalid character '" + c + "'";
            }
            if (label > 63) {
                return "label longer than 63 characters";
            }
        }
        if (!nonNumeric) {
            return "numeric host name";
        }
        return null;
    }
}
