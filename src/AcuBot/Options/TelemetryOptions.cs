namespace AcuBot.Options;

/// <summary>How the bot reports on itself; bound from the "Telemetry" section.</summary>
/// <remarks>
/// Traces, metrics and logs go to an OpenTelemetry collector when the standard environment variable
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>...
/// as OpenTelemetry defines them); nothing here is needed for that.
/// </remarks>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Serve the metrics at <c>/metrics</c> in the Prometheus text format, for a Prometheus server to scrape.
    /// Off by default: anyone who reaches the bot could read them, so expose it only where a proxy keeps
    /// <c>/metrics</c> to the monitoring network.
    /// </summary>
    public bool MetricsEndpoint { get; set; }

    /// <summary>
    /// "simple" (the default: one readable line per entry) or "json" (one JSON object per line with its
    /// EventId and scopes, ConversationId among them, for a log collector).
    /// </summary>
    public string ConsoleFormat { get; set; } = "simple";

    public bool JsonConsole => string.Equals(ConsoleFormat, "json", StringComparison.OrdinalIgnoreCase);
}
