package org.maildrift.mta.model;

/**
 * A certificate file the MTA's configuration names for its SMTP server (Postfix smtpd_tls_chain_files or
 * smtpd_tls_cert_file, sendmail ServerCertFile, Exim tls_certificate): the setting in the MTA's own words,
 * the path as the mail host sees it, and where the setting is (file and line; line 0 when not known).
 */
public record CertificateSetting(String setting, String path, String file, int line) {
}
