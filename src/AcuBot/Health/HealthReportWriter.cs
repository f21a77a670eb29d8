using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AcuBot.Health;

/// <summary>
/// Writes a health report as JSON: the overall status, then each check's status, description and data,
/// so that a degraded bot says what is degraded and why (e.g. which knowledge file is held back):
/// <c>{"status":"degraded","checks":{"knowledge":{"status":"degraded","description":"...","data":{...}}}}</c>.
/// While the instance drains before it stops, the status is "draining" (whatever else the checks say).
/// </summary>
public static class HealthReportWriter
{
    public const string Draining = "draining";

    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        var draining = report.Entries.TryGetValue(ShutdownHealthCheck.Name, out var shutdown) && shutdown.Status == HealthStatus.Unhealthy;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", draining ? Draining : StatusOf(report.Status));
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", StatusOf(entry.Status));
                if (entry.Description is { } description) json.WriteString("description", description);
                if (entry.Exception is { } exception && entry.Description is null) json.WriteString("description", exception.Message);
                if (entry.Data.Count > 0)
                {
                    json.WritePropertyName("data");
                    WriteValue(json, entry.Data);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }

    public static string StatusOf(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    /// <summary>The few shapes the checks put in their data: text, numbers, times, lists and dictionaries of them.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case double number: json.WriteNumberValue(number); break;
            case DateTimeOffset time: json.WriteStringValue(time); break;
            case TimeSpan span: json.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> pairs: WriteObject(json, pairs); break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) WriteValue(json, item);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void WriteObject(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        json.WriteStartObject();
        foreach (var (key, item) in pairs)
        {
            json.WritePropertyName(key);
            WriteValue(json, item);
        }
        json.WriteEndObject();
    }
}
