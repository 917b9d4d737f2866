package org.maildrift.dkim;

import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DKIM key record (RFC 6376 section 3.6.1) from the joined TXT character-strings at
 * {@code SELECTOR._domainkey.DOMAIN}: its tags, the key in {@code p=} (empty: revoked), whether {@code t=y}
 * (testing), and what is wrong with it. Problems name the tag, never quote the key.
 */
public record DkimRecord(Map<String, String> tags, DkimKey key, boolean revoked, boolean testing, List<String> problems) {

    public DkimRecord {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        problems = List.copyOf(problems);
    }

    /** True when the TXT string reads as a DKIM key record: it starts with v=DKIM1, or has a p= tag. */
    public static boolean looksLikeDkim(String txt) {
        String t = txt.strip();
        return t.startsWith("v=DKIM1") || tags(t).map(m -> m.containsKey("p")).orElse(false);
    }

    public static DkimRecord parse(String txt) {
        List<String> problems = new ArrayList<>();
        Optional<Map<String, String>> parsed = tags(txt);
        if (parsed.isEmpty()) {
            return new DkimRecord(Map.of(), null, false, false, List.of("the record is not a tag=value list"));
        }
        Map<String, String> tags = parsed.get();
        if (tags.containsKey("v") && (!tags.get("v").equals("DKIM1") || !txt.strip().startsWith("v="))) {
            problems.add("v= must be DKIM1 and come first");
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        if (!k.equals("rsa") && !k.equals("ed25519")) {
            problems.add("k=" + org.maildrift.files.Printable.of(k, 20) + " is not a key type verifiers know");
        }
        boolean testing = false;
        if (tags.containsKey("t")) {
            for (String flag : tags.get("t").split(":")) {
                if (flag.strip().equals("y")) {
                    testing = true;
                }
            }
        }
        if (!tags.containsKey("p")) {
            problems.add("no p= tag");
            return new DkimRecord(tags, null, false, testing, problems);
        }
        String p = tags.get("p").replaceAll("\\s+", "");
        if (p.isEmpty()) {
            return new DkimRecord(tags, null, true, testing, problems);
        }
        DkimKey key = null;
        try {
            byte[] der = Base64.getDecoder().decode(p);
            key = k.equals("rsa") ? rsa(der) : DkimKey.ofPublic(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(edSpki(der))));
        } catch (IllegalArgumentException e) {
            problems.add("p= is not base64");
        } catch (java.security.GeneralSecurityException e) {
            problems.add("p= does not hold a " + k + " public key");
        }
        return new DkimRecord(tags, key, false, testing, problems);
    }

    /** p= for RSA: SubjectPublicKeyInfo, as RFC 6376 says, or the bare PKCS#1 key some publish. */
    private static DkimKey rsa(byte[] der) throws java.security.GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("RSA");
        try {
            return DkimKey.ofPublic(f.generatePublic(new X509EncodedKeySpec(der)));
        } catch (java.security.spec.InvalidKeySpecException spki) {
            java.math.BigInteger[] ne = Der.pkcs1Public(der);
            return DkimKey.ofPublic(f.generatePublic(new RSAPublicKeySpec(ne[0], ne[1])));
        }
    }

    /** RFC 8463: p= of an Ed25519 key is the bare 32-byte key; wrapped here as SubjectPublicKeyInfo. */
    private static byte[] edSpki(byte[] raw) throws java.security.spec.InvalidKeySpecException {
        if (raw.length != 32) {
            throw new java.security.spec.InvalidKeySpecException("not 32 bytes");
        }
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(raw, 0, out, prefix.length, 32);
        return out;
    }

    /** tag-list = tag-spec *( ";" tag-spec ) [ ";" ]; empty when a tag is malformed or given twice. */
    static Optional<Map<String, String>> tags(String txt) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String spec : txt.split(";", -1)) {
            String s = spec.strip();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = s.substring(0, eq).strip();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || out.containsKey(name)) {
                return Optional.empty();
            }
            out.put(name, s.substring(eq + 1).strip());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
