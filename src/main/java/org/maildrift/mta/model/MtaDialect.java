package org.maildrift.mta.model;

import org.maildrift.mail.Mta;

/**
 * What one MTA calls things and how its configuration is edited: the settings that list accepted names
 * and hold the MTA's own name, and the edits a fix or a pre-change check makes to the configuration's
 * text, with the words that tell an administrator what to change where. Rules and prechecks speak
 * through this, so that neither names an MTA's setting; each MTA's package implements it.
 */
public interface MtaDialect {

    Mta mta();

    /** The setting people edit to list names of {@code cls} ("mydestination", "class w"). */
    String listSetting(AddressClass cls);

    /** The setting that holds the name the MTA calls itself ("myhostname", "$j"). */
    String ownNameSetting();

    /**
     * The setting that gives unqualified senders their domain ("myorigin", "$j", "qualify_domain"): system mail
     * leaves as USER@ its value. The reader's sending domains name it as their setting.
     */
    String originSetting();

    /** The setting an accepted name comes from, as people know it. */
    default String settingOf(AcceptedName a) {
        return listSetting(a.addressClass());
    }

    /** The text with {@code name} accepted as a local name. */
    String accept(String text, String name);

    /** What {@link #accept} changes, in words, naming {@code file} and the line. */
    String acceptWords(String text, String file, String host, String name);

    /** The text without {@code name}; null when the text does not list it literally. */
    String drop(String text, String name);

    /** What {@link #drop} changes, in words. */
    String dropWords(String text, String file, String host, String name);

    /** How to change what a name comes from when {@link #drop} cannot ("with set-parameter"). */
    String otherwise();

    /** The text with the MTA's own name set to {@code name} (unchanged where the text cannot hold it). */
    String setOwnName(String text, String name);

    /** What {@link #setOwnName} changes, in words. */
    String ownNameWords(String text, String file, String name);

    /** The text with a parameter set; null when this MTA's configuration has no such parameters. */
    String setParameter(String text, String name, String value);

    /** What {@link #setParameter} changes, in words. */
    String parameterWords(String text, String file, String name, String value);
}
