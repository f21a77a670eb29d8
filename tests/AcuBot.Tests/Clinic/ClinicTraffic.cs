using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Clinic;

/// <summary>Patients' messages to a running bot, as a channel sends them (expectReplies, one conversation each).</summary>
public static class ClinicTraffic
{
    public const string Key = "test-insights-key-0123456789";

    public static async Task AskAsync(BotServer server, params string[] messages)
    {
        foreach (var text in messages)
        {
            var activity = new JsonObject
            {
                ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["text"] = text, ["deliveryMode"] = "expectReplies",
                ["channelId"] = "test", ["from"] = new JsonObject { ["id"] = "patient" }, ["recipient"] = new JsonObject { ["id"] = "bot" },
                ["conversation"] = new JsonObject { ["id"] = "c-" + Guid.NewGuid().ToString("N") },
            };
            using var response = await server.Client.PostAsJsonAsync(BotHttp.MessagesPath, activity);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Unanswered questions reach SQLite from a background queue: waits until <paramref name="count"/> are there.</summary>
    public static async Task WaitForUnansweredAsync(BotServer server, int count)
    {
        var log = server.App.Services.GetRequiredService<AcuBot.Unanswered.IUnansweredLog>();
        for (var i = 0; i < 200 && log.Summarize().Sum(s => s.Count) < count; i++) await Task.Delay(25);
    }
}
