package org.osvif.launcher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.osvif.launcher.ContainerException;

/**
 * {@code require_signed=true}: a deployed jar is started only if every entry is signed by a
 * signer whose certificate chain holds, or was issued by, a certificate of the trust store. The
 * JDK's jar verifier checks the digests; this class decides whose signatures count.
 */
public final class Signatures {

    private final List<X509Certificate> trusted;

    private Signatures(List<X509Certificate> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param store a PKCS12 or JKS key store of trusted certificates
     * @param password its password, or {@code null}
     * @return a checker trusting its certificates
     * @throws ContainerException if the store cannot be read or holds no certificate
     */
    public static Signatures trusting(Path store, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance(store.toFile(), password);
            List<X509Certificate> certs = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate c = ks.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    certs.add(x);
                }
            }
            if (certs.isEmpty()) {
                throw new ContainerException("trust store " + store + " holds no certificate");
            }
            return new Signatures(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw new ContainerException("cannot read trust store " + store + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param jar the jar, read streaming (its manifest already checked against the cap)
     * @return {@code null} if trusted, else why not
     */
    public String check(java.nio.file.Path jar) {
        int signedEntries = 0;
        try (JarInputStream in = new JarInputStream(java.nio.file.Files.newInputStream(jar), true)) {
            if (in.getManifest() == null) {
                return "no manifest";
            }
            byte[] buf = new byte[8192];
            JarEntry e;
            while ((e = in.getNextJarEntry()) != null) {
                // Reading the entry to its end is what makes the verifier check its digest.
                while (in.read(buf) >= 0) {
                    // drain
                }
                String name = e.getName();
                if (e.isDirectory() || isSignatureFile(name)) {
                    continue;
                }
                CodeSigner[] signers = e.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    return "entry " + name + " is not signed";
                }
                if (!anyTrusted(signers)) {
                    return "entry " + name + " is signed by " + subject(signers[0]) + ", which the trust store does not trust";
                }
                signedEntries++;
            }
        } catch (SecurityException | IOException e) {
            return "signature does not verify: " + e.getMessage();
        }
        return signedEntries == 0 ? "not signed" : null;
    }

    private static boolean isSignatureFile(String name) {
        String n = name.toUpperCase();
        return n.startsWith("META-INF/") && !n.substring(9).contains("/")
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC")
                        || n.startsWith("META-INF/SIG-"));
    }

    private boolean anyTrusted(CodeSigner[] signers) {
        for (CodeSigner s : signers) {
            for (Certificate c : s.getSignerCertPath().getCertificates()) {
                if (c instanceof X509Certificate x && isTrusted(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isTrusted(X509Certificate cert) {
        for (X509Certificate t : trusted) {
            if (t.equals(cert)) {
                return true;
            }
            if (t.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    PublicKey k = t.getPublicKey();
                    cert.verify(k);
                    cert.checkValidity();
                    return true;
                } catch (GeneralSecurityException e) {
                    // not issued by this one; try the next
                }
            }
        }
        return false;
    }

    private static String subject(CodeSigner s) {
        List<? extends Certificate> certs = s.getSignerCertPath().getCertificates();
        return certs.isEmpty() || !(certs.get(0) instanceof X509Certificate x) ? "an unknown signer"
                : x.getSubjectX500Principal().getName();
    }
}
