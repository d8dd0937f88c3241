package io.memoflow.workflow;

import java.util.List;
import java.util.Map;

/** Named roles, each mapped to e-mail addresses ({@code memoflow.roles.NAME}). */
public record Roles(Map<String, List<String>> members) {
    public Roles {
        members = Map.copyOf(members);
    }

    public static Roles none() {
        return new Roles(Map.of());
    }

    public List<String> of(String role) {
        return members.getOrDefault(role, List.of());
    }
}
