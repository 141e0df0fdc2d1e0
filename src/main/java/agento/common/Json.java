package agento.common;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper (plain defaults; thread-safe once made), made on first use: fourteen classes each built their
 * own while the server started, which loaded Jackson's 375 classes before anything needed JSON.
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
