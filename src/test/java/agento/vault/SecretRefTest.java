package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretRefTest {

    @Test
    void associated_data_names_the_table_owner_and_secret() {
        assertThat(SecretRef.of("agent", 42, "openai_api_key").associatedData())
                .isEqualTo("secrets|agent|42|openai_api_key");
    }

    @Test
    void a_numeric_owner_id_is_stored_as_its_decimal_text() {
        assertThat(SecretRef.of("agent", 7, "token")).isEqualTo(new SecretRef("agent", "7", "token"));
    }

    @Test
    void a_part_containing_the_separator_is_refused_so_two_refs_cannot_share_associated_data() {
        assertThatThrownBy(() -> new SecretRef("agent|1", "2", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretRef("agent", "1|2", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretRef("agent", "1", "x|y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blank_parts_are_refused() {
        assertThatThrownBy(() -> new SecretRef("", "1", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretRef("agent", " ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretRef("agent", "1", null)).isInstanceOf(NullPointerException.class);
    }
}
