package agento.web.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class AccessorEvaluatorTest {
    public record Agent(long id, String name) {
        public boolean is(String state) {
            return "running".equals(state);
        }
    }

    record Hidden(String secretName) {} // package-private type, public accessor

    private final List<String> toOgnl = new ArrayList<>();

    private String render(String template, Map<String, Object> variables) {
        OGNLVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(new AccessorEvaluator((context, expression, expContext) -> {
            toOgnl.add(expression.getExpression());
            return ognl.evaluate(context, expression, expContext);
        }));
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setDialect(dialect);
        Context context = new Context();
        variables.forEach(context::setVariable);
        return engine.process(template, context);
    }

    @Test
    void record_accessors_and_a_string_argument_are_called_without_ognl() {
        String html = render("<p th:text=\"${agent.name()}\"></p><i th:if=\"${agent.is('running')}\" th:text=\"${agent.id()}\"></i>"
                + "<b th:each=\"a : ${agents}\" th:text=\"${a.name()}\"></b><s th:text=\"${hidden.secretName()}\"></s>",
                Map.of("agent", new Agent(7, "Scout <1>"), "agents", List.of(new Agent(1, "a"), new Agent(2, "b")),
                        "hidden", new Hidden("h")));

        assertEquals("<p>Scout &lt;1&gt;</p><i>7</i><b>a</b><b>b</b><s>h</s>", html);
        assertEquals(List.of(), toOgnl);
    }

    @Test
    void jdk_collections_are_called_through_their_public_interface() {
        String html = render("<p th:if=\"${items.isEmpty()}\">none</p><p th:text=\"${items.size()}\"></p>",
                Map.of("items", List.of()));

        assertEquals("<p>none</p><p>0</p>", html);
        assertEquals(List.of(), toOgnl);
    }

    @Test
    void other_shapes_go_to_ognl_with_the_same_result() {
        String html = render("<p th:text=\"${agent.is('running') or agent.is('stopped')}\"></p><p th:text=\"${map.key}\"></p>"
                + "<p th:text=\"${#strings.toUpperCase(agent.name())}\"></p>",
                Map.of("agent", new Agent(7, "scout"), "map", Map.of("key", "value")));

        assertEquals("<p>true</p><p>value</p><p>SCOUT</p>", html);
        assertEquals(3, toOgnl.size());
    }

    @Test
    void a_null_on_the_way_fails_as_ognl_fails_and_a_blocked_type_stays_blocked() {
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("agent", null);
        assertThrows(TemplateProcessingException.class, () -> render("<p th:text=\"${agent.name()}\"></p>", none));

        TemplateProcessingException blocked = assertThrows(TemplateProcessingException.class,
                () -> render("<p th:text=\"${type.getClassLoader()}\"></p>", Map.of("type", String.class)));
        assertTrue(toOgnl.contains("type.getClassLoader()"), "a Class is not ours to call: OGNL's sandbox decides");
        assertTrue(String.valueOf(blocked.getMessage()).contains("type.getClassLoader()"));
    }
}
