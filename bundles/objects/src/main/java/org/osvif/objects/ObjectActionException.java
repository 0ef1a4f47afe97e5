package org.osvif.objects;

/**
 * A backlevel os-vif itself refuses ({@code ObjectActionError: ... No rule for <field>}): the
 * object holds a sub-object for which the older version has no compatibility rule.
 */
public class ObjectActionException extends ObjectException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path the field with no rule
     * @param problem os-vif's reason
     */
    public ObjectActionException(String path, String problem) {
        super(path, problem);
    }
}
