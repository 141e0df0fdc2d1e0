package agento.provider.openai;

/** Where OpenAI is: the API (API keys), the ChatGPT backend (sign-ins) and the OAuth registration. */
public record OpenAiEndpoints(String apiBase, String chatGptBase, OAuthSettings oauth) {}
