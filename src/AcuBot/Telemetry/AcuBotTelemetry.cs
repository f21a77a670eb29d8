using System.Diagnostics;
using System.Diagnostics.Metrics;
using AcuBot.Bot;

namespace AcuBot.Telemetry;

/// <summary>
/// The bot's own metrics and traces, under one name ("AcuBot") that the OpenTelemetry setup subscribes
/// to. Static, so that the turn, the channels and the red-flag step record with one line each and no
/// constructor changes. With nothing listening (no exporter configured), every call here costs a
/// branch: an instrument without a listener drops its measurement, a source without one starts no span.
/// Tags carry what was decided (reply kind, rule, detector), never what a patient wrote.
/// Log entries have EventIds by area, so that a log collector can select them: 1000s the turn
/// (1001 red flag, 1002 answered, 1003-1004 a failed turn, 1005 an ignored activity; 1401 Web Chat's
/// origins, 1501-1503 the clinic's insights page), 2000s the knowledge (2001-2099 KnowledgeLog, 2101-2199
/// the AcuBot.Knowledge library), 3000s the channel endpoints, 4000s Direct Line, 5000s the stores
/// (5001-5099 the unanswered-questions log, 5101-5199 Redis), 6000s the host (6001-6002 the drain on shutdown).
/// </summary>
public static class AcuBotTelemetry
{
    public const string Name = "AcuBot";

    public static readonly ActivitySource Source = new(Name, typeof(AcuBotTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(AcuBotTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Turns that produced a reply to a message, by reply kind (<c>answer</c>, <c>fallback</c>, <c>urgent</c>...).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("acubot.turns", "{turn}", "Messages answered, by the kind of reply.");

    // Answers take 0.1 ms to a few ms (docs/benchmarks.md): the default buckets (5 ms and up) would put them all in one.
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram("acubot.turn.duration", "s",
        "Time to decide the reply to a message, by the kind of reply.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    /// <summary>Messages the bot had no answer for (it said so and gave the clinic's contact details).</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("acubot.fallbacks", "{turn}", "Messages the bot found no answer to.");

    public static readonly Counter<long> RedFlags = Meter.CreateCounter<long>("acubot.red_flags", "{message}",
        "Messages flagged as an emergency or crisis, by rule and by the detector that found it.");

    public static readonly UpDownCounter<long> OpenStreams = Meter.CreateUpDownCounter<long>("acubot.directline.streams", "{stream}",
        "Direct Line WebSocket streams open now.");

    /// <summary>Reply kinds as tag values, made once: no string per measurement.</summary>
    private static readonly Dictionary<ReplyKind, string> KindTags = Enum.GetValues<ReplyKind>()
        .ToDictionary(kind => kind, kind => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));

    public static string TagOf(ReplyKind kind) => KindTags.TryGetValue(kind, out var tag) ? tag : kind.ToString();

    /// <summary>
    /// Starts a turn: a span (when traces are exported) and a log scope carrying the conversation id, so
    /// every line logged while the turn runs can be told apart by conversation. Dispose it when the turn ends.
    /// </summary>
    public static TurnTelemetry StartTurn(ILogger logger, string? conversationId, string? activityType, string? channelId)
    {
        var span = Source.StartActivity("turn");
        if (span is not null)
        {
            span.SetTag("acubot.conversation.id", conversationId);
            span.SetTag("acubot.activity.type", activityType);
            span.SetTag("acubot.channel.id", channelId);
        }
        return new TurnTelemetry(span, ConversationScope(logger, conversationId));
    }

    /// <summary>Records a message's reply: counted by kind, timed, and named on the turn's span.</summary>
    public static void Answered(ReplyKind kind, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("acubot.reply.kind", TagOf(kind));
        Turns.Add(1, tag);
        TurnDuration.Record(elapsed.TotalSeconds, tag);
        if (kind == ReplyKind.Fallback) Fallbacks.Add(1);
        Activity.Current?.SetTag("acubot.reply.kind", tag.Value);
    }

    /// <param name="rule">The red-flag rule's description, from the clinic's red-flags.txt (a bounded set).</param>
    /// <param name="detector">"rules" (the patterns) or "semantic net" (by meaning).</param>
    public static void RedFlag(string rule, string detector) =>
        RedFlags.Add(1, new KeyValuePair<string, object?>("acubot.red_flag.rule", rule), new KeyValuePair<string, object?>("acubot.red_flag.detector", detector));

    /// <summary>Counts a Direct Line stream as open until the returned value is disposed.</summary>
    public static OpenStream StreamOpened()
    {
        OpenStreams.Add(1);
        return new OpenStream();
    }

    /// <summary>A span around one reply sent to a channel's serviceUrl (retries included); its HTTP requests are its children.</summary>
    public static Activity? StartConnectorCall(string? serviceUrl)
    {
        var span = Source.StartActivity("connector reply", ActivityKind.Client);
        if (span is not null && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url))
        {
            span.SetTag("server.address", url.Host);
            span.SetTag("server.port", url.Port);
        }
        return span;
    }

    private static readonly Func<ILogger, string?, IDisposable?> ConversationScope =
        LoggerMessage.DefineScope<string?>("ConversationId:{ConversationId}");

    public readonly struct TurnTelemetry(Activity? span, IDisposable? scope) : IDisposable
    {
        public void Dispose()
        {
            scope?.Dispose();
            span?.Dispose();
        }
    }

    public readonly struct OpenStream : IDisposable
    {
        public void Dispose() => OpenStreams.Add(-1);
    }
}
