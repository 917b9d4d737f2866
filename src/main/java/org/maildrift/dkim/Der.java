package org.maildrift.dkim;

import java.math.BigInteger;

/** The little DER reading DKIM keys need: PKCS#1 RSAPrivateKey and RSAPublicKey, bounded and strict. */
final class Der {

    private Der() {
    }

    /** RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, … }: the modulus and exponent. */
    static BigInteger[] pkcs1PrivateModulusAndExponent(byte[] der) throws java.security.spec.InvalidKeySpecException {
        int[] pos = {0};
        int end = sequence(der, pos);
        integer(der, pos, end); // version
        BigInteger n = integer(der, pos, end);
        BigInteger e = integer(der, pos, end);
        return new BigInteger[] {n, e};
    }

    /** RSAPublicKey ::= SEQUENCE { modulus, publicExponent }. */
    static BigInteger[] pkcs1Public(byte[] der) throws java.security.spec.InvalidKeySpecException {
        int[] pos = {0};
        int end = sequence(der, pos);
        BigInteger n = integer(der, pos, end);
        BigInteger e = integer(der, pos, end);
        if (pos[0] != end) {
            throw new java.security.spec.InvalidKeySpecException("trailing data");
        }
        return new BigInteger[] {n, e};
    }

    private static int sequence(byte[] der, int[] pos) throws java.security.spec.InvalidKeySpecException {
        if (pos[0] >= der.length || der[pos[0]] != 0x30) {
            throw new java.security.spec.InvalidKeySpecException("not a SEQUENCE");
        }
        pos[0]++;
        int len = length(der, pos);
        if (pos[0] + len > der.length) {
            throw new java.security.spec.InvalidKeySpecException("SEQUENCE past the end");
        }
        return pos[0] + len;
    }

    private static BigInteger integer(byte[] der, int[] pos, int end) throws java.security.spec.InvalidKeySpecException {
        if (pos[0] >= end || der[pos[0]] != 0x02) {
            throw new java.security.spec.InvalidKeySpecException("not an INTEGER");
        }
        pos[0]++;
        int len = length(der, pos);
        if (len == 0 || pos[0] + len > end) {
            throw new java.security.spec.InvalidKeySpecException("INTEGER past the end");
        }
        BigInteger v = new BigInteger(java.util.Arrays.copyOfRange(der, pos[0], pos[0] + len));
        pos[0] += len;
        return v;
    }

    private static int length(byte[] der, int[] pos) throws java.security.spec.InvalidKeySpecException {
        if (pos[0] >= der.length) {
            throw new java.security.spec.InvalidKeySpecException("no length");
        }
        int b = der[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        if (n == 0 || n > 3 || pos[0] + n > der.length) {
            throw new java.security.spec.InvalidKeySpecException("bad length");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        return len;
    }
}
