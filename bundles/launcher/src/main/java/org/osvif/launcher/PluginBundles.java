package org.osvif.launcher;

import java.net.URI;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The container's plugin bundles, as the operator manages them: {@link Container} implements
 * it, and registers it as a service in the framework for the Gogo shell's {@code osvif:}
 * commands. Installing, upgrading and uninstalling go through {@code deploy/}, which stays the
 * one record of what is installed (and survives a restart); each call waits for the deployer's
 * outcome.
 */
@ProviderType
public interface PluginBundles {

    /** @return every plugin service: name, bundle, version, state, advertisement, counters */
    List<PluginView> plugins();

    /** @return what happened to each jar of {@code deploy/} */
    List<DeployStatus> deployStatus();

    /**
     * Copies a bundle into {@code deploy/} and waits until it is installed and started.
     *
     * @param source where the jar is ({@code file:}, {@code http:}, ..., or
     *        {@code mvn:GROUP/ARTIFACT/VERSION} from the repositories of {@code etc/org.osvif.runtime.cfg})
     * @return its deploy status (ACTIVE)
     * @throws ContainerException if it cannot be read, fails its repository's checksum, is not a
     *         bundle, is already installed, or
     *         fails to install or start (it is then removed from {@code deploy/} again)
     */
    DeployStatus install(URI source);

    /**
     * Replaces the deployed bundle of a plugin by a higher version and waits for the update; a
     * failed update is rolled back and the previous jar put back in {@code deploy/}.
     *
     * @param plugin the plugin's name
     * @param source the new jar
     * @return its deploy status (ACTIVE)
     * @throws ContainerException if the plugin is unknown, not from {@code deploy/}, the jar is
     *         another bundle or not newer, or the update failed
     */
    DeployStatus upgrade(String plugin, URI source);

    /**
     * Deletes the deployed bundle of a plugin and waits until it is uninstalled.
     *
     * @param plugin the plugin's name
     * @return its deploy status (UNINSTALLED)
     * @throws ContainerException if the plugin is unknown or not from {@code deploy/}
     */
    DeployStatus uninstall(String plugin);

    /**
     * Explains why a bundle is not active, as one root-cause chain: the first requirement
     * nothing satisfies, and which installed bundle offers something close, or that none does.
     *
     * @param what a plugin's name, a file of {@code deploy/} or a bundle's symbolic name
     * @return the explanation, one line
     * @throws ContainerException if nothing goes by that name
     * @since 1.1
     */
    String diagnose(String what);
}
