package agento.web.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class SimpleExpressionEvaluatorTest {
    public record Agent(long id, String name, String state) {
        public boolean is(String s) {
            return s.equals(state);
        }
    }

    record Hidden(String secretName) {} // package-private type, public accessor

    private final List<String> toOgnl = new ArrayList<>();

    private static TemplateEngine engine(IStandardVariableExpressionEvaluator evaluator) {
        StandardDialect dialect = new StandardDialect();
        dialect.setVariableExpressionEvaluator(evaluator);
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        engine.setDialect(dialect);
        return engine;
    }

    private String render(TemplateEngine engine, String template, Map<String, Object> variables) {
        Context context = new Context();
        variables.forEach(context::setVariable);
        return engine.process(template, context);
    }

    private String ours(String template, Map<String, Object> variables) {
        OGNLVariableExpressionEvaluator ognl = new OGNLVariableExpressionEvaluator(true);
        return render(engine(new SimpleExpressionEvaluator((context, expression, expContext) -> {
            toOgnl.add(expression.getExpression());
            return ognl.evaluate(context, expression, expContext);
        })), template, variables);
    }

    private String ognlOnly(String template, Map<String, Object> variables) {
        return render(engine(new OGNLVariableExpressionEvaluator(true)), template, variables);
    }

    private Map<String, Object> variables() {
        Map<String, Object> v = new HashMap<>();
        v.put("agent", new Agent(7, "Scout <1>", "running"));
        v.put("agents", List.of(new Agent(1, "a", "stopped"), new Agent(2, "b", "running")));
        v.put("hidden", new Hidden("h"));
        v.put("errors", Map.of("apiKey", "Paste a key", "name", "Too long"));
        v.put("field", "name");
        v.put("base", "/agents/7");
        v.put("items", List.of());
        v.put("flag", "true");
        v.put("count", 3);
        v.put("none", null);
        return v;
    }

    @Test
    void our_expressions_give_what_ognl_gives_without_going_through_ognl() {
        List<String> expressions = List.of("agent.name()", "agent.id()", "agent.is('running')", "hidden.secretName()",
                "agent.is('running') or agent.is('stopped')", "agent.is('stopped') and agent.id()",
                "!agent.is('running')", "not agent.is('stopped')", "none != null", "none == null", "missing == null",
                "agent.state() == 'running'", "agent.name() != 'xy'", "base + '/'", "count == 3", "agent.id() == 7", "agent.id() != count", "base + '/settings'",
                "base + '/users/' + agent.id() + '/approve'", "#maps.containsKey(errors, 'apiKey')",
                "errors != null and #maps.containsKey(errors, field)", "errors['apiKey']", "errors[field]",
                "items.isEmpty()", "items.size()", "!(agent.is('xy') or none != null)", "flag and count", "none or count",
                "(none != null and flag != null) or #maps.containsKey(errors, 'name')", "true", "null", "'text'");
        for (String expression : expressions) {
            String template = "<p th:text=\"${" + expression + "}\"></p><i th:if=\"${" + expression + "}\">yes</i>";
            assertThat(ours(template, variables())).as(expression).isEqualTo(ognlOnly(template, variables()));
        }
        assertThat(toOgnl).isEmpty();
    }

    @Test
    void iteration_variables_and_attributes_use_our_path_too() {
        String html = ours("<b th:each=\"a : ${agents}\" th:text=\"${a.name()}\" th:classappend=\"${a.is('running')} ? 'on' : ''\"></b>"
                + "<a th:href=\"@{agents/{id}(id=${agent.id()})}\">x</a>", variables());

        assertThat(html).isEqualTo("<b>a</b><b class=\"on\">b</b><a href=\"agents/7\">x</a>");
        assertThat(toOgnl).isEmpty();
    }

    @Test
    void fragment_parameters_and_locals_use_our_path_and_request_parameters_stay_with_ognl() {
        String html = ours("<div th:fragment=\"f(label, id)\"><p th:id=\"${id + '-error'}\" th:text=\"${label}\"></p></div>"
                + "<div th:replace=\"~{:: f(label=${agent.name()}, id=${'id' + agent.id()})}\"></div>"
                + "<i th:with=\"n=${agent.id()}\" th:text=\"${n}\"></i><u th:text=\"${param}\"></u>", variables());

        assertThat(html).contains("<p id=\"id7-error\">Scout &lt;1&gt;</p>").contains("<i>7</i>");
        // the fragment's own definition renders too, with no id: null + '-error' is OGNL's to concatenate
        assertThat(toOgnl).containsExactly("id + '-error'", "param");
    }

    @Test
    void other_shapes_go_to_ognl_with_the_same_result() {
        List<String> others = List.of("count > 2", "#strings.toUpperCase(agent.name())", "errors.apiKey", "count + 1",
                "agent.id() == '7'", "agent.is('r')", "count == 010", "count gt 2", "agent.id() eq 7");
        for (String expression : others) {
            String template = "<p th:text=\"${" + expression + "}\"></p>";
            assertThat(ours(template, variables())).as(expression).isEqualTo(ognlOnly(template, variables()));
        }
        assertThat(toOgnl).containsExactlyElementsOf(others);
    }

    @Test
    void a_call_on_null_fails_as_ognl_fails_and_a_blocked_type_stays_blocked() {
        assertThatThrownBy(() -> ours("<p th:text=\"${none.name()}\"></p>", variables()))
                .isInstanceOf(TemplateProcessingException.class);

        Map<String, Object> withType = variables();
        withType.put("type", String.class);
        assertThatThrownBy(() -> ours("<p th:text=\"${type.getClassLoader()}\"></p>", withType))
                .isInstanceOf(TemplateProcessingException.class).hasMessageContaining("type.getClassLoader()");
        assertThat(toOgnl).contains("type.getClassLoader()"); // a Class is not ours to call: OGNL's sandbox decides
    }
}
