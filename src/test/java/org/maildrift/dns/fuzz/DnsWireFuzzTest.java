package org.maildrift.dns.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.maildrift.dns.resolver.DnsWireProbe;

/**
 * The lean DNS codec reads datagrams from the network: whatever the bytes, it returns a parsed response
 * or throws IllegalArgumentException, nothing else, and never hangs. Regression mode in CI over the seeds
 * in DnsWireFuzzTestInputs/; {@code JAZZER_FUZZ=1} to fuzz.
 */
class DnsWireFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseAcceptsAnyBytes(byte[] datagram) {
        DnsWireProbe.parseOrReject(datagram);
    }
}
