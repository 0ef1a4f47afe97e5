package org.osvif.binding;

import org.osvif.objects.ObjectException;

/**
 * A binding Nova would not convert, or that is not a valid network-model VIF. The path names
 * the field ({@code vif.details}, {@code vif.network.meta.vlan}, ...); for a VIF type Nova does
 * not convert, the message names the type and the port id.
 */
public class BindingException extends ObjectException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path the offending field
     * @param problem what is wrong
     */
    public BindingException(String path, String problem) {
        super(path, problem);
    }
}
