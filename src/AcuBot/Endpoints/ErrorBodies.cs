using AcuBot.Channels;
using AcuBot.Protocol.Schema;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AcuBot.Endpoints;

/// <summary>
/// The one place that writes the error bodies the endpoints answer. Two shapes, each fixed by the
/// clients that read it: the Bot Framework / Direct Line error, <c>{"error":{"code":...,"message":...}}</c>,
/// which botframework-directlinejs and the channels act on (its <c>code</c>, e.g. <c>TokenExpired</c>);
/// and the RFC 9457 (7807) problem for a turn that failed, where no client expects a Bot Framework code.
/// </summary>
public static class ErrorBodies
{
    /// <summary><c>{"error":{"code":<paramref name="code"/>,"message":<paramref name="message"/>}}</c> with <paramref name="status"/>.</summary>
    public static JsonBody Error(int status, string code, string message) => Error(status, ErrorResponse.Of(code, message));

    /// <summary>An error already shaped (as the activity reader gives it), with <paramref name="status"/>.</summary>
    public static JsonBody Error(int status, ErrorResponse error) =>
        JsonBody.Of(error, ProtocolJsonContext.Default.ErrorResponse, statusCode: status);

    /// <summary>An RFC 9457 problem: the turn failed (500, code <c>TurnFailed</c>), and whether the user was told.</summary>
    public static ProblemHttpResult TurnFailed(HttpContext http, bool apologized) => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "The turn failed.",
        detail: apologized
            ? "The bot could not handle this activity; the user was sent an apology with the clinic's contact details."
            : "The bot could not handle this activity, and the apology could not be delivered either.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        instance: http.Request.Path,
        extensions: new Dictionary<string, object?> { ["code"] = "TurnFailed" });

    /// <summary>An RFC 9457 problem: a store the request needs (Redis) cannot be reached (503, code <c>StoreUnavailable</c>); try again shortly.</summary>
    public static ProblemHttpResult StoreUnavailable(HttpContext http) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "The conversation store is unavailable.",
        detail: "The bot cannot reach the store that holds the conversations (Redis) just now; it reconnects by itself. Try again in a few seconds.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        instance: http.Request.Path,
        extensions: new Dictionary<string, object?> { ["code"] = "StoreUnavailable" });
}
