using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace AcuBot.Channels;

/// <summary>
/// A JSON response serialized before it is sent, and written in one piece with its Content-Length.
/// <c>Results.Json</c> streams the body instead (chunked, through the serializer's asynchronous path),
/// which costs more for the small bodies every endpoint here returns (docs/benchmarks.md). Every JSON
/// response passes through here, so a 401 gets its <c>WWW-Authenticate</c> challenge here too.
/// </summary>
public sealed class JsonBody : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    private readonly byte[] _utf8Json;

    private JsonBody(byte[] utf8Json, int statusCode)
    {
        _utf8Json = utf8Json;
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }

    public string ContentType => JsonContentType;

    /// <summary>Serializes <paramref name="value"/> with source-generated metadata (trimming-safe, no reflection).</summary>
    public static JsonBody Of<T>(T value, JsonTypeInfo<T> type, int statusCode = StatusCodes.Status200OK) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, type), statusCode);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        // A 401 must say how to authenticate (RFC 9110, 15.5.2); every credential this bot takes is a bearer token.
        if (response.StatusCode == StatusCodes.Status401Unauthorized && !response.Headers.ContainsKey(HeaderNames.WWWAuthenticate))
            response.Headers.WWWAuthenticate = "Bearer";
        response.ContentType = JsonContentType;
        response.ContentLength = _utf8Json.Length;
        return response.Body.WriteAsync(_utf8Json, httpContext.RequestAborted).AsTask();
    }
}
