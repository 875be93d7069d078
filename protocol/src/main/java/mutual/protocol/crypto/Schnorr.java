package mutual.protocol.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * BIP-340 Schnorr signatures and x-only keys over libsecp256k1 (JNI). Nothing here is
 * hand-written curve arithmetic; this class only adapts types and errors.
 */
public final class Schnorr {
    private static final Secp256k1 LIB = Secp256k1.get();
    private static final ThreadLocal<SecureRandom> AUX = ThreadLocal.withInitial(SecureRandom::new);

    private Schnorr() {}

    static boolean isValidSecret(byte[] secret) {
        return LIB.secKeyVerify(secret);
    }

    public static PubKey publicKey(SecretKey key) {
        byte[] full = LIB.pubkeyCreate(key.raw()); // 65 bytes, uncompressed
        return PubKey.of(Arrays.copyOfRange(full, 1, 33));
    }

    /** Signs a 32-byte message with fresh auxiliary randomness. */
    public static Signature sign(byte[] message32, SecretKey key) {
        byte[] aux = new byte[32];
        AUX.get().nextBytes(aux);
        return sign(message32, key, aux);
    }

    /** Signs with the given auxiliary randomness (BIP-340 vectors fix it). */
    public static Signature sign(byte[] message32, SecretKey key, byte[] aux32) {
        return Signature.of(LIB.signSchnorr(message32, key.raw(), aux32));
    }

    /** Verifies a signature; a public key that is not on the curve simply fails. */
    public static boolean verify(byte[] message, Signature sig, PubKey key) {
        try {
            return LIB.verifySchnorr(sig.raw(), message, key.raw());
        } catch (RuntimeException e) { // the binding throws for keys it cannot parse
            return false;
        }
    }

    /**
     * The x coordinate of {@code secret · P} where P is the even-y point of {@code pub}:
     * the unhashed ECDH value NIP-44 needs.
     */
    public static byte[] sharedX(SecretKey secret, PubKey pub) {
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        System.arraycopy(pub.raw(), 0, compressed, 1, 32);
        byte[] point;
        try {
            point = LIB.pubKeyTweakMul(LIB.pubkeyParse(compressed), secret.raw());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("public key is not on the curve", e);
        }
        return Arrays.copyOfRange(point, 1, 33);
    }

    /**
     * ECDH on a full SEC1 public key, compressed (33 bytes, 02/03) or uncompressed (65 bytes, 04),
     * for the Wycheproof vectors. libsecp256k1 also parses the "hybrid" 06/07 form, which SEC1
     * deployments do not use; it is refused here so that only the two standard encodings pass.
     */
    public static byte[] sharedX(SecretKey secret, byte[] sec1PublicKey) {
        int n = sec1PublicKey.length;
        byte prefix = n == 0 ? 0 : sec1PublicKey[0];
        boolean standard = (n == 33 && (prefix == 2 || prefix == 3)) || (n == 65 && prefix == 4);
        if (!standard) throw new IllegalArgumentException("not a compressed or uncompressed SEC1 public key");
        byte[] point;
        try {
            point = LIB.pubKeyTweakMul(LIB.pubkeyParse(sec1PublicKey), secret.raw());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("public key is not on the curve", e);
        }
        return Arrays.copyOfRange(point, 1, 33);
    }
}
