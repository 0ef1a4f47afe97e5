package org.osvif.binding;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osvif.binding.internal.NovaConverter;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.ObjectException;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;

/**
 * Nova's {@code nova.network.os_vif_util} for a Java host agent: a network-model VIF (the JSON
 * of one entry of an instance's {@code network_info}: {@code id}, {@code address}, {@code type},
 * {@code details}, {@code devname}, {@code ovs_interfaceid}, {@code vnic_type}, {@code profile},
 * {@code network} with {@code subnets} and {@code meta}, ...) becomes the os-vif VIF object Nova
 * would hand to os-vif.
 */
public final class Bindings {

    private static final ObjectMapper JSON = new ObjectMapper(Primitives.jsonFactory());

    private Bindings() {
    }

    /**
     * Nova's {@code nova_to_osvif_vif(VIF.hydrate(json))}.
     *
     * @param novaVif one network-model VIF as JSON
     * @return the os-vif VIF
     * @throws BindingException if Nova would not convert it (its type is not one os-vif handles,
     *         {@code binding_failed}, {@code unbound}, a libvirt-only type) or it is not valid
     * @throws ObjectException if a value is not valid for its os-vif field
     */
    public static VIFBase toVif(byte[] novaVif) {
        JsonNode tree;
        try {
            tree = JSON.readTree(novaVif);
        } catch (JsonProcessingException e) {
            throw new BindingException("", org.osvif.objects.Primitives.describe(e));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return toVif(tree);
    }

    /**
     * @param novaVif one network-model VIF as a Jackson tree
     * @return the os-vif VIF
     * @throws BindingException as {@link #toVif(byte[])}
     */
    public static VIFBase toVif(JsonNode novaVif) {
        return NovaConverter.vif(novaVif);
    }

    /**
     * Nova's {@code nova_to_osvif_instance}.
     *
     * @param uuid the instance's UUID
     * @param name the instance's name
     * @param projectId its project, or {@code null} (then left unset, as Nova does)
     * @return the os-vif instance info
     */
    public static InstanceInfo toInstance(String uuid, String name, String projectId) {
        InstanceInfo.Builder b = InstanceInfo.builder().uuid(uuid).name(name);
        if (projectId != null) {
            b.projectId(projectId);
        }
        return b.build();
    }
}
