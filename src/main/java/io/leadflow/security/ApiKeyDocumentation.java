package io.leadflow.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The OpenAPI description says every /api operation takes the API key as a bearer token, so Swagger UI's "Try it out" sends it. */
@Component
class ApiKeyDocumentation implements OpenApiCustomizer {

    static final String SCHEME = "apiKey";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The API key (LEADFLOW_API_KEY): Authorization: Bearer <key>"));
        SecurityRequirement apiKey = new SecurityRequirement().addList(SCHEME);
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(apiKey));
            }
        });
    }
}
