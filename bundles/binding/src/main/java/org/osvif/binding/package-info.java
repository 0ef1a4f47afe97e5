/**
 * Neutron's legacy port binding, as Nova keeps it in an instance's {@code network_info}, turned
 * into os-vif VIF objects exactly as Nova's {@code os_vif_util.nova_to_osvif_vif} does:
 * {@link org.osvif.binding.Bindings}.
 */
@Export
@Version("1.0.0")
package org.osvif.binding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
