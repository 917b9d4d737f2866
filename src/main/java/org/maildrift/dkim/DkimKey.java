package org.maildrift.dkim;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The public half of a DKIM key: its algorithm ("rsa" or "ed25519"), size in bits (RSA), and, for RSA,
 * the modulus and public exponent that any encoding of the key (SubjectPublicKeyInfo or PKCS#1) reduces to.
 * {@code spkiBase64} is what a {@code p=} tag should hold.
 */
public record DkimKey(String algorithm, int bits, BigInteger modulus, BigInteger exponent, String spkiBase64) {

    /** The same key: for RSA the same modulus and exponent, otherwise the same encoded key. */
    public boolean sameAs(DkimKey other) {
        if (algorithm.equals("rsa") && other.algorithm.equals("rsa")) {
            return modulus.equals(other.modulus) && exponent.equals(other.exponent);
        }
        return algorithm.equals(other.algorithm) && spkiBase64.equals(other.spkiBase64);
    }

    /** A key from a PEM file: PUBLIC KEY, PRIVATE KEY (PKCS#8) or RSA PRIVATE KEY (PKCS#1); null when none. */
    static DkimKey fromDer(String label, byte[] der) throws java.security.GeneralSecurityException {
        return switch (label) {
            case "PUBLIC KEY" -> ofPublic(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
            case "PRIVATE KEY" -> {
                java.security.PrivateKey k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                if (!(k instanceof RSAPrivateCrtKey crt)) {
                    throw new java.security.spec.InvalidKeySpecException("not an RSA key with its public exponent");
                }
                yield ofPublic(KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
            }
            case "RSA PRIVATE KEY" -> {
                BigInteger[] ne = Der.pkcs1PrivateModulusAndExponent(der);
                yield ofPublic(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(ne[0], ne[1])));
            }
            default -> null;
        };
    }

    static DkimKey ofPublic(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new DkimKey("rsa", rsa.getModulus().bitLength(), rsa.getModulus(), rsa.getPublicExponent(),
                    Base64.getEncoder().encodeToString(key.getEncoded()));
        }
        // the JDK calls an Ed25519 key "EdDSA"; DKIM's k= calls it ed25519 (RFC 8463)
        String algorithm = key.getAlgorithm().equalsIgnoreCase("EdDSA") ? "ed25519"
                : key.getAlgorithm().toLowerCase(java.util.Locale.ROOT);
        return new DkimKey(algorithm, 0, null, null, Base64.getEncoder().encodeToString(key.getEncoded()));
    }
}
