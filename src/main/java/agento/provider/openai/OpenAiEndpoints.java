package agento.provider.openai;

/**
 * Where OpenAI is: the API (API keys), the ChatGPT backend (sign-ins), the OAuth registration and sign-in with a
 * code.
 */
public record OpenAiEndpoints(String apiBase, String chatGptBase, OAuthSettings oauth, DeviceAuthSettings device) {}
