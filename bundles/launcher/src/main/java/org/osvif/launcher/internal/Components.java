package org.osvif.launcher.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * What Declarative Services says of the plugin components, so that a plugin whose component does
 * not activate is reported with why ({@code osvif plugins}, {@code osvif status}) instead of being
 * just missing from the host info: an {@code @Activate} that throws after a configuration change,
 * a reference that went away, a configuration that is required and absent.
 *
 * <p>The source is SCR's {@code ServiceComponentRuntime} and its DTOs, read reflectively: the
 * launcher sits outside the framework, and those classes are the framework's (the
 * {@code org.osgi.service.component} bundle), not the launcher's class path's. Exporting them
 * from the system bundle instead would let SCR wire to either copy. The DTOs are plain public
 * fields, specified by DS 1.4, so the reflection reads a stable shape.
 */
public final class Components {

    /** DS's {@code ComponentConfigurationDTO} states, by their constant's value. */
    static final int UNSATISFIED_CONFIGURATION = 1;
    static final int UNSATISFIED_REFERENCE = 2;
    static final int SATISFIED = 4;
    static final int ACTIVE = 8;
    static final int FAILED_ACTIVATION = 16;

    private static final String SCR = "org.osgi.service.component.runtime.ServiceComponentRuntime";

    /**
     * One plugin component.
     *
     * @param plugin its {@code osvif.plugin.name}
     * @param bundle the bundle that declares it
     * @param name the component's name
     * @param state {@code ACTIVE}, {@code SATISFIED}, {@code FAILED_ACTIVATION},
     *        {@code UNSATISFIED_REFERENCE}, {@code UNSATISFIED_CONFIGURATION} or {@code DISABLED}
     * @param error why it does not serve, or {@code null} when it does
     * @param componentIds the ids of its configurations (a registered service's {@code component.id})
     */
    public record PluginComponent(String plugin, Bundle bundle, String name, String state, String error,
            List<Long> componentIds) {

        /** @return whether this component serves (or will, on first use) */
        public boolean serves() {
            return state.equals("ACTIVE") || state.equals("SATISFIED");
        }
    }

    private Components() {
    }

    /**
     * @param context the framework's context
     * @return every plugin component of every bundle, or an empty list when SCR is not running
     */
    public static List<PluginComponent> plugins(BundleContext context) {
        ServiceReference<?> ref = context.getServiceReference(SCR);
        if (ref == null) {
            return List.of();
        }
        Object scr = context.getService(ref);
        if (scr == null) {
            return List.of();
        }
        try {
            return read(context, scr);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A reporting aid must never break `plugins`: say so in the log, report nothing.
            System.getLogger(Components.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read the components' states from SCR: {0}", e.toString());
            return List.of();
        } finally {
            context.ungetService(ref);
        }
    }

    private static List<PluginComponent> read(BundleContext context, Object scr) throws ReflectiveOperationException {
        Method descriptions = method(scr, "getComponentDescriptionDTOs");
        Method configurations = method(scr, "getComponentConfigurationDTOs");
        Method enabled = method(scr, "isComponentEnabled");
        Object all = descriptions.invoke(scr, (Object) new Bundle[0]);
        List<PluginComponent> out = new ArrayList<>();
        for (Object d : (Collection<?>) all) {
            String[] services = (String[]) field(d, "serviceInterfaces");
            if (services == null || !List.of(services).contains(VifPlugin.class.getName())) {
                continue;
            }
            Map<?, ?> props = (Map<?, ?>) field(d, "properties");
            Object plugin = props == null ? null : props.get(PluginName.NAME);
            String name = (String) field(d, "name");
            Object bundleDto = field(d, "bundle");
            Bundle bundle = bundleDto == null ? null : context.getBundle(((Number) field(bundleDto, "id")).longValue());
            if (plugin == null || bundle == null) {
                continue;
            }
            Collection<?> confs = (Collection<?>) configurations.invoke(scr, d);
            List<Long> ids = new ArrayList<>();
            String state;
            String error = null;
            if (!(Boolean) enabled.invoke(scr, d)) {
                state = "DISABLED";
                error = "component " + name + " is disabled";
            } else if (confs.isEmpty()) {
                state = "UNSATISFIED_CONFIGURATION";
                error = "component " + name + " requires a configuration (pid "
                        + String.join(", ", (String[]) field(d, "configurationPid")) + ") and has none";
            } else {
                // One configuration per plugin component is what osvif's plugins have; with
                // several (a factory configuration), the worst one is what an operator must see.
                int worst = ACTIVE;
                Object worstConf = null;
                for (Object c : confs) {
                    ids.add(((Number) field(c, "id")).longValue());
                    int s = ((Number) field(c, "state")).intValue();
                    if (worstConf == null || rank(s) < rank(worst)) {
                        worst = s;
                        worstConf = c;
                    }
                }
                state = stateName(worst);
                error = why(name, worst, worstConf);
            }
            out.add(new PluginComponent(String.valueOf(plugin), bundle, name, state, error, List.copyOf(ids)));
        }
        return out;
    }

    private static int rank(int state) {
        return switch (state) {
            case FAILED_ACTIVATION -> 0;
            case UNSATISFIED_REFERENCE -> 1;
            case UNSATISFIED_CONFIGURATION -> 2;
            case SATISFIED -> 3;
            default -> 4;
        };
    }

    static String stateName(int state) {
        return switch (state) {
            case UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case SATISFIED -> "SATISFIED";
            case ACTIVE -> "ACTIVE";
            case FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    private static String why(String name, int state, Object conf) throws ReflectiveOperationException {
        switch (state) {
            case FAILED_ACTIVATION: {
                String failure = conf == null ? null : (String) field(conf, "failure");
                return "component " + name + " failed to activate: " + rootCause(failure);
            }
            case UNSATISFIED_REFERENCE: {
                List<String> refs = new ArrayList<>();
                Object unsatisfied = field(conf, "unsatisfiedReferences");
                for (int i = 0; unsatisfied != null && i < Array.getLength(unsatisfied); i++) {
                    Object u = Array.get(unsatisfied, i);
                    Object target = field(u, "target");
                    refs.add(field(u, "name") + (target == null ? "" : " " + target));
                }
                return "component " + name + " lacks the service(s) it references: " + String.join(", ", refs);
            }
            case UNSATISFIED_CONFIGURATION:
                return "component " + name + " waits for its configuration";
            default:
                return null;
        }
    }

    /**
     * @param failure DS's {@code failure}: the stack trace of what activation threw
     * @return its last {@code Caused by:} line, or its first line: the exception and its message
     */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "(SCR gives no reason; the container log has the exception)";
        }
        String root = null;
        for (String line : failure.split("\\R")) {
            if (root == null) {
                root = line.strip();
            } else if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length()).strip();
            }
        }
        return root;
    }

    private static Method method(Object o, String name) throws NoSuchMethodException {
        for (Class<?> i : o.getClass().getInterfaces()) {
            if (i.getName().equals(SCR)) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(name)) {
                        return m;
                    }
                }
            }
        }
        throw new NoSuchMethodException(SCR + "." + name);
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getField(name);
        return f.get(o);
    }
}
