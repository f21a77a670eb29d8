using System.Text.Json.Serialization;
using AcuBot.Channels;

namespace AcuBot;

/// <summary>Source-generated JSON for the host's own small responses and reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Channels.Health))]
public sealed partial class AppJsonContext : JsonSerializerContext;
