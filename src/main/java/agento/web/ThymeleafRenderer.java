package agento.web;

import agento.web.templates.RenderBuffer;
import agento.web.templates.SimpleExpressionEvaluator;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.cache.StandardCacheManager;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/} from the classpath. A name of the form {@code "page :: fragment"} renders
 * only that fragment, so a full page and its htmx partial come from one template.
 */
final class ThymeleafRenderer implements FileRenderer {
    private static final String HTMX_SRC = "/webjars/htmx.org/" + webjarVersion("htmx.org") + "/dist/htmx.min.js";
    private static final String SSE_SRC = "/webjars/htmx-ext-sse/" + webjarVersion("htmx-ext-sse") + "/sse.js";
    private static final int EXPRESSION_CACHE_SIZE = 20_000;
    private static final int TEMPLATE_CACHE_SIZE = 1_000;
    private final TemplateEngine engine = new TemplateEngine();
    private final List<PageAttributes> pageAttributes;

    ThymeleafRenderer(List<PageAttributes> pageAttributes) {
        this.pageAttributes = List.copyOf(pageAttributes);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new SimpleExpressionEvaluator(new OGNLVariableExpressionEvaluator(true)));
        engine.setDialect(dialect);
        // the default expression cache (500 entries) is smaller than our templates' expressions: it would thrash
        StandardCacheManager caches = new StandardCacheManager();
        caches.setExpressionCacheMaxSize(EXPRESSION_CACHE_SIZE);
        caches.setTemplateCacheMaxSize(TEMPLATE_CACHE_SIZE);
        engine.setCacheManager(caches);
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
                return ""; // Agento is always served from the root path
            }
        });
    }

    private static String webjarVersion(String artifact) {
        String resource = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = ThymeleafRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(artifact + " webjar missing from the classpath", e);
        }
    }

    @Override
    public String render(String name, Map<String, ?> model, Context ctx) {
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context();
        model.forEach(context::setVariable);
        String csrf = Sessions.csrfToken(ctx);
        context.setVariable("csrf", csrf);
        context.setVariable("csrfHeaders", "{\"X-CSRF-Token\": \"" + csrf + "\"}");
        SessionUser user = Sessions.user(ctx);
        context.setVariable("currentUser", user);
        context.setVariable("htmxSrc", HTMX_SRC);
        context.setVariable("sseSrc", SSE_SRC);
        int split = name.indexOf("::");
        if (split < 0) {
            if (user != null) {
                pageAttributes.forEach(page -> page.forPage(user).forEach(context::setVariable));
            }
            RedirectAfterPost.take(ctx).forEach(context::setVariable); // a plain form's answer, over the page's own
            return process(name, null, context);
        }
        String template = name.substring(0, split).trim();
        String fragment = name.substring(split + 2).trim();
        return process(template, Set.of(fragment), context);
    }

    private String process(String template, Set<String> fragments, org.thymeleaf.context.Context context) {
        RenderBuffer buffer = RenderBuffer.take();
        engine.process(template, fragments, context, buffer);
        return buffer.release();
    }
}
