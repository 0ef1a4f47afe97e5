package org.osvif.shell.internal;

import java.io.IOException;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The shell's bare {@code log [N]}: {@code osvif:log}. Without it, {@code log} is ambiguous between
 * {@code osvif:log} and Felix's {@code felix:log}, which reads a LogReaderService this runtime
 * does not have. Registered in the {@code gogo} scope, which the profile's {@code SCOPE = 'gogo:*'}
 * searches first (as {@link ExitCommand} is).
 */
@Component(service = BareLogCommand.class, property = {"osgi.command.scope=gogo", "osgi.command.function=log"})
public final class BareLogCommand {

    private final LogCommand log;

    /** @param context the shell bundle's context, to read the log file's name */
    @Activate
    public BareLogCommand(BundleContext context) {
        this.log = new LogCommand(context);
    }

    /**
     * @return the last 50 lines
     * @throws IOException if the log cannot be read
     */
    @Descriptor("print the last 50 lines of the container's log file (osvif:log)")
    public String log() throws IOException {
        return log.log();
    }

    /**
     * @param lines how many
     * @return the last lines of the log
     * @throws IOException if the log cannot be read
     */
    @Descriptor("print the last N lines of the container's log file (osvif:log N)")
    public String log(@Descriptor("how many lines") int lines) throws IOException {
        return log.log(lines);
    }
}
