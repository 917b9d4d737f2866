package org.maildrift.dns.transfer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.resolver.DnsView;
import org.maildrift.dns.zonefile.ZoneData;
import org.maildrift.dns.zonefile.ZoneFileReader;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Fetches a whole zone by AXFR, optionally signed with TSIG, into the same {@link ZoneData} zone files
 * give, so that lookups in it follow the same rules and every owner name can be enumerated.
 */
public final class ZoneTransfer {

    /** A TSIG key: name, algorithm (e.g. hmac-sha256) and base64 secret. */
    public record Key(String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return "Key[" + name + ", " + algorithm + ", secret hidden]";
        }
    }

    /** The transfer did not complete (refused, not authoritative, timed out, broken). */
    public static final class TransferFailedException extends Exception {
        public TransferFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ZoneTransfer() {
    }

    public static ZoneData fetch(String zone, InetSocketAddress server, Key key, Duration timeout)
            throws TransferFailedException {
        String label = "AXFR " + DnsNames.canonical(zone) + " from " + DnsView.label(server);
        try {
            Name name = Name.fromString(DnsNames.canonical(zone));
            TSIG tsig = key == null ? null
                    : new TSIG(Name.fromString(DnsNames.canonical(key.algorithm())),
                            Name.fromString(DnsNames.canonical(key.name())), key.secret());
            ZoneTransferIn xfr = ZoneTransferIn.newAXFR(name, server, tsig);
            xfr.setTimeout(timeout);
            xfr.run();
            List<Record> records = xfr.getAXFR();
            if (records == null || records.isEmpty()) {
                throw new TransferFailedException(label + ": no records", null);
            }
            return ZoneFileReader.fromRecords(zone, label, records);
        } catch (TextParseException | IllegalArgumentException e) {
            throw new TransferFailedException(label + ": " + e.getMessage(), e);
        } catch (ZoneTransferException e) {
            throw new TransferFailedException(label + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransferFailedException(label + ": " + e, e);
        }
    }
}
