package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.osvif.objects.ObjectRegistry;

/** {@code osvif objects fingerprints}: oslo's fingerprint of every class, sorted by name. */
final class ObjectsFingerprints implements Command {

    @Override
    public String name() {
        return "objects fingerprints";
    }

    @Override
    public String summary() {
        return "print '<Name> <Version>-<md5>' for every object class";
    }

    @Override
    public String help() {
        return "usage: osvif objects fingerprints\n\n"
                + "One line per registered object class, sorted by name: '<Name> <Version>-<md5 hex>', computed\n"
                + "as oslo.versionedobjects' ObjectVersionChecker does; equal to os-vif's object_data table.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) {
        if (!args.isEmpty()) {
            throw new UsageException("objects fingerprints takes no arguments, got " + args.get(0));
        }
        StringBuilder sb = new StringBuilder();
        ObjectRegistry.types().forEach((name, type) -> sb.append(name).append(' ').append(type.fingerprint()).append('\n'));
        out.print(sb);
        return 0;
    }
}
