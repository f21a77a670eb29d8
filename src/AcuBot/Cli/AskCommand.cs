namespace AcuBot.Cli;

/// <summary><c>ask "question"</c>: prints the reply the bot would send, with its suggested follow-ups.</summary>
public static class AskCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var question = string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
        if (question.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: ask \"your question\"");
            return 2;
        }
        using var host = new CliHost(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        foreach (var reply in await host.AskAsync(question, conversationId: "cli-" + Guid.NewGuid().ToString("N")))
        {
            await output.WriteLineAsync(reply.Text);
            if (reply.SuggestedActions?.Actions is { Count: > 0 } actions)
                await output.WriteLineAsync("\nYou could also ask: " + string.Join(" | ", actions.Select(a => a.Title)));
        }
        return 0;
    }
}
