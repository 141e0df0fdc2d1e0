package agento.web;

import java.util.Map;

/**
 * What every full page of a signed-in person renders with besides its own model (the layout's credential banner,
 * say). Called once per page, never for htmx fragments: keep it to one cheap query at most.
 */
public interface PageAttributes {
    Map<String, Object> forPage(SessionUser user);
}
