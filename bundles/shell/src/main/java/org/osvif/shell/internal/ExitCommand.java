package org.osvif.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The shell's {@code exit}: stops the container cleanly, as end of input does. Gogo's own profile
 * makes {@code exit} {@code System.exit(int)}, which fails without an argument ("Cannot coerce
 * exit() to any of [(int)]") and would kill the process without stopping the bundles. Registered
 * in the {@code gogo} scope, which the profile's {@code SCOPE = 'gogo:*'} searches first.
 */
@Component(service = ExitCommand.class, property = {
    "osgi.command.scope=gogo",
    "osgi.command.function=exit"})
public final class ExitCommand {

    private final BundleContext context;

    /** @param context this bundle's context, to stop the framework */
    @Activate
    public ExitCommand(BundleContext context) {
        this.context = context;
    }

    /** Stops the container. */
    @Descriptor("stop the container (its plugins, then the framework) and leave the shell; osvif run exits 0")
    public void exit() {
        // Off the shell's thread: stopping the framework stops the shell bundle, which waits for it.
        Thread t = new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                System.err.println("error: cannot stop the container: " + e.getMessage());
            }
        }, "osvif-exit");
        t.start();
    }

    /**
     * Stops the container; the code is not the process's: a clean stop exits 0.
     *
     * @param code ignored
     */
    @Descriptor("stop the container, as exit does (the code is ignored: a clean stop exits 0)")
    public void exit(int code) {
        exit();
    }
}
