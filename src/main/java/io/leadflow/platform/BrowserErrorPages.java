package io.leadflow.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

import java.io.IOException;
import java.util.Set;

/**
 * A browser asking for a page that fails (none at that address, a malformed one, a lead not found) is sent the error
 * page ({@link ProblemErrorController}), not the problem an API client gets. A page controller's own exception handlers
 * still answer first; the API's addresses are left to the problem handlers.
 */
@Component
class BrowserErrorPages implements HandlerExceptionResolver, Ordered {

    /** The statuses with a page of their own; any other is shown as the 500's. */
    static final Set<Integer> PAGES = Set.of(400, 403, 404, 405, 409, 500);

    private final DefaultHandlerExceptionResolver springErrors = new DefaultHandlerExceptionResolver();

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (!wantsPage(request) || handledByController(handler, e)) {
            return null;
        }
        if (e instanceof NotFoundException) {
            try {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return new ModelAndView();
            } catch (IOException gone) {
                return null;
            }
        }
        return springErrors.resolveException(request, response, handler, e);
    }

    /** Whether the request is a browser's for a page: it accepts HTML by name, outside /api. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || isApi(request.getRequestURI())) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    private static boolean handledByController(Object handler, Exception e) {
        return handler instanceof HandlerMethod method && new ExceptionHandlerMethodResolver(method.getBeanType()).resolveMethod(e) != null;
    }

    /** Before the exception handlers of the advice, which answer every error as a problem. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
