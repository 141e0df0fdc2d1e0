package agento.runtime.chat;

import agento.agents.Agent;

/** The agent's optional monthly token limit against what it used this month: a warning at 80%, a refusal at 100%. */
public record TokenBudget(long used, Long limit) {

    public static TokenBudget of(Agent agent, long usedThisMonth) {
        return new TokenBudget(usedThisMonth, agent.monthlyTokenLimit());
    }

    public boolean hasLimit() {
        return limit != null;
    }

    public int percent() {
        return limit == null ? 0 : (int) Math.min(100, used * 100 / Math.max(1, limit));
    }

    public boolean warning() {
        return limit != null && percent() >= 80 && !exhausted();
    }

    public boolean exhausted() {
        return limit != null && used >= limit;
    }

    public String refusal() {
        return "This agent has used its monthly token limit (" + used + " of " + limit + " tokens). Raise the "
                + "limit in Settings \u2192 General, or wait until next month.";
    }

    public String warningText() {
        return "This agent has used " + percent() + "% of its monthly token limit (" + used + " of " + limit
                + " tokens).";
    }
}
