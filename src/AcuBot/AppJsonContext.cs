using System.Text.Json.Serialization;
using AcuBot.Endpoints;

namespace AcuBot;

/// <summary>Source-generated JSON for the host's own small responses and reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Endpoints.Health))]
public sealed partial class AppJsonContext : JsonSerializerContext;
