package agento.provider.core;

import static org.assertj.core.api.Assertions.assertThat;

import agento.provider.core.ModelCatalog.ModelOption;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void the_default_model_is_gpt_5_2_followed_by_gpt_4_1() {
        assertThat(ModelCatalog.DEFAULT_MODEL).isEqualTo(new ModelOption("gpt-5.2", "GPT-5.2"));
        assertThat(ModelCatalog.DEFAULT_MODELS).extracting(ModelOption::id).containsExactly("gpt-5.2", "gpt-4.1");
    }

    @Test
    void a_models_list_is_filtered_to_chat_models_with_defaults_first_and_readable_labels() {
        List<String> listed = List.of("whisper-1", "gpt-4o-mini", "text-embedding-3-small", "gpt-4.1", "o3-mini",
                "dall-e-3", "tts-1-hd", "gpt-4o-realtime-preview", "gpt-4o-transcribe", "omni-moderation-latest",
                "gpt-image-1", "gpt-4o-audio-preview", "gpt-3.5-turbo-instruct", "babbage-002", "chatgpt-4o-latest",
                "gpt-5.2", "o1", "gpt-4o-2024-08-06", "gpt-4o-mini");

        assertThat(ModelCatalog.chatModels(listed)).containsExactly(
                new ModelOption("gpt-5.2", "GPT-5.2"),
                new ModelOption("gpt-4.1", "GPT-4.1"),
                new ModelOption("chatgpt-4o-latest", "ChatGPT-4o latest"),
                new ModelOption("gpt-4o-2024-08-06", "GPT-4o (2024-08-06)"),
                new ModelOption("gpt-4o-mini", "GPT-4o mini"),
                new ModelOption("o1", "o1"),
                new ModelOption("o3-mini", "o3 mini"));
    }

    @Test
    void defaults_missing_from_the_list_are_not_offered() {
        assertThat(ModelCatalog.chatModels(List.of("gpt-4o-mini", "whisper-1")))
                .containsExactly(new ModelOption("gpt-4o-mini", "GPT-4o mini"));
    }
}
