package agento.provider.core;

import agento.agents.ModelLabel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The models an agent can run on: defaults offered before any credential, and the chat models a provider lists. */
public final class ModelCatalog {

    public record ModelOption(String id, String label) {}

    public static final ModelOption DEFAULT_MODEL = new ModelOption("gpt-5.2", "GPT-5.2");
    public static final List<ModelOption> DEFAULT_MODELS =
            List.of(DEFAULT_MODEL, new ModelOption("gpt-4.1", "GPT-4.1"));

    private static final Pattern CHAT_PREFIX = Pattern.compile("^(gpt-|chatgpt-|o\\d).*");
    private static final List<String> NOT_CHAT = List.of("embedding", "whisper", "tts", "dall-e", "moderation",
            "audio", "realtime", "transcribe", "image", "instruct", "search");

    private ModelCatalog() {}

    /** Longer ids than the column holds are not models a person could pick anyway. */
    static final int MAX_ID = 100;

    public static boolean isChatModel(String id) {
        if (id == null || id.length() > MAX_ID) {
            return false;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        return CHAT_PREFIX.matcher(lower).matches() && NOT_CHAT.stream().noneMatch(lower::contains);
    }

    /** Chat models from a provider's model list: the catalog defaults first (when listed), then the rest by id. */
    public static List<ModelOption> chatModels(Collection<String> modelIds) {
        TreeSet<String> chat = new TreeSet<>();
        modelIds.stream().filter(ModelCatalog::isChatModel).forEach(chat::add);
        List<ModelOption> options = new ArrayList<>();
        for (ModelOption preferred : DEFAULT_MODELS) {
            if (chat.remove(preferred.id())) {
                options.add(preferred);
            }
        }
        chat.forEach(id -> options.add(new ModelOption(id, label(id))));
        return options;
    }

    /** "gpt-4o-mini" → "GPT-4o mini"; see {@link ModelLabel}. */
    public static String label(String id) {
        return ModelLabel.of(id);
    }
}
