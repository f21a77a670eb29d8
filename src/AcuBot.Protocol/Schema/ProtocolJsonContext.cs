using System.Text.Json;
using System.Text.Json.Serialization;

namespace AcuBot.Protocol.Schema;

/// <summary>
/// Source-generated System.Text.Json metadata for the wire types: camelCase names, nulls omitted
/// (channels treat a missing field and a null one alike, and bodies stay small).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
