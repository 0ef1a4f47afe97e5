/**
 * The os-vif object model: every versioned object of os-vif (VIFs, port profiles, networks,
 * host info), the JSON wire format ({@link org.osvif.objects.Primitives}), backlevelling to
 * older versions, negotiation ({@link org.osvif.objects.Negotiation}) and fingerprints
 * ({@link org.osvif.objects.ObjectType#fingerprint()}).
 */
@Export
@Version("1.1.0")
package org.osvif.objects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
