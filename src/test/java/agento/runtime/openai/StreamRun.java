package agento.runtime.openai;

import agento.fakes.FakeResponsesApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One streamed call in a test: the outcome and every delta the listener saw, in order. */
record StreamRun(ChatOutcome outcome, List<String> deltas) {

    static final String KEY = "sk-proj-TESTKEY0000canary0000wxyz";
    static final String TOKEN = "eyJ.TESTTOKEN-canary-chatgpt.sig9";
    static final String ACCOUNT = "acct-1234";

    static FakeResponsesApi fake() {
        return new FakeResponsesApi().acceptKey(KEY)
                .acceptChatGpt((token, account) -> token.equals(TOKEN) && account.equals(ACCOUNT));
    }

    static ResponsesRequest apiKeyRequest(FakeResponsesApi fake, String message) {
        return new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), KEY), "gpt-5.2", "",
                List.of(InputItem.user(message)), "conv-1");
    }

    static ResponsesRequest chatGptRequest(FakeResponsesApi fake, String message) {
        return new ResponsesRequest(ResponsesTarget.chatGpt(fake.chatGptBaseUrl(), TOKEN, ACCOUNT, "agento"),
                "gpt-5.2", "", List.of(InputItem.user(message)), "conv-1");
    }

    static StreamRun run(ResponsesClient client, ResponsesRequest request) {
        return run(client, request, new StopSignal());
    }

    static StreamRun run(ResponsesClient client, ResponsesRequest request, StopSignal stop) {
        List<String> deltas = new CopyOnWriteArrayList<>();
        return new StreamRun(client.stream(request, deltas::add, stop), deltas);
    }

    ChatFailure failure() {
        return ((ChatOutcome.Failed) outcome).failure();
    }
}
