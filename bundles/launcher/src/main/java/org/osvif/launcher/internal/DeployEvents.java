package org.osvif.launcher.internal;

import java.lang.System.Logger.Level;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osvif.launcher.DeployEvent;
import org.osvif.launcher.DeployListener;

/** Tells every {@link DeployListener} service of a deploy outcome; a failing listener is logged, not fatal. */
final class DeployEvents {

    private static final System.Logger LOG = System.getLogger(DeployEvents.class.getName());

    private DeployEvents() {
    }

    static void tell(BundleContext context, DeployEvent event) {
        java.util.Collection<ServiceReference<DeployListener>> refs;
        try {
            refs = context.getServiceReferences(DeployListener.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return; // no filter to get wrong; a stopped framework has no one to tell
        }
        for (ServiceReference<DeployListener> ref : refs) {
            DeployListener l = context.getService(ref);
            if (l == null) {
                continue;
            }
            try {
                l.deployed(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deploy listener " + l + " failed: " + e);
            } finally {
                context.ungetService(ref);
            }
        }
    }
}
